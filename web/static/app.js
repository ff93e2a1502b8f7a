// lixcheck review app: live re-checking while typing (debounced) through the JSON API, and one-click replacements.
// The page works without this file; the results rendered here mirror web/templates/_results.html (web/view.py).
// All letter text is put into the page with textContent, never as HTML.
(function () {
  "use strict";

  var form = document.getElementById("paste-form");
  var textarea = document.getElementById("text");
  var kindSelect = document.getElementById("kind");
  var results = document.getElementById("results");
  var status = document.getElementById("status");
  if (!form || !textarea || !results || !status) return;

  var labels = JSON.parse(results.getAttribute("data-labels") || "{}");
  var SEVERITY_ORDER = { error: 0, warning: 1, suggestion: 2 };
  var DELAY_MS = 600;
  var LIVE_MAX_CHARS = 60000;  // about 20 pages
  var timer = null;
  var inflight = null;
  var serial = 0;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
        if (k === "text") node.textContent = attrs[k];
        else node.setAttribute(k, attrs[k] === true ? "" : String(attrs[k]));
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function sevRank(s) { return s in SEVERITY_ORDER ? SEVERITY_ORDER[s] : 9; }
  function fmt0(x) { return String(Math.round(x)); }
  function truncate(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  function categoryDa(c) { return (labels.categories || {})[c] || (c.charAt(0).toUpperCase() + c.slice(1)); }
  function severityDa(s) { return (labels.severities || {})[s] || s; }
  function masked(f) {
    // as lixcheck.checks.template.mask_cpr: the last four digits of a CPR number become XXXX
    if (f.rule.indexOf("template.cpr") === 0) {
      return f.text.replace(/(\d{6})([- ]?)\d{4}/g, function (m, a, b) { return a + (b || "-") + "XXXX"; });
    }
    return f.text;
  }

  function isInline(f, paragraphs) {
    if (f.length <= 0) return false;
    var end = f.offset + f.length;
    return !paragraphs.some(function (p) {
      return p.length > 0 && f.offset <= p.offset && end >= p.offset + p.length;
    });
  }

  function pieces(text, start, end, marks) {
    var inside = [];
    marks.forEach(function (m) {
      if (m[0] < end && m[1] > start) inside.push([Math.max(m[0], start), Math.min(m[1], end), m[2]]);
    });
    var cutSet = {};
    [start, end].forEach(function (c) { cutSet[c] = true; });
    inside.forEach(function (m) { cutSet[m[0]] = true; cutSet[m[1]] = true; });
    var cuts = Object.keys(cutSet).map(Number).sort(function (a, b) { return a - b; });
    var out = [];
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var ids = inside.filter(function (m) { return m[0] <= a && m[1] >= b; }).map(function (m) { return m[2]; });
      out.push({ text: text.slice(a, b), ids: ids });
    }
    return out;
  }

  function renderLetter(report, findings) {
    var marks = findings.filter(function (f) { return f.inline; })
      .map(function (f) { return [f.offset, f.offset + f.length, f.id]; });
    var seen = {};
    var letter = el("div", { "class": "letter", id: "letter" });
    report.paragraphs.forEach(function (p) {
      var para = el("div", { "class": "para para-" + p.kind });
      if (p.counted && p.lix.value !== null) {
        para.appendChild(el("span", { "class": "para-lix",
          text: "Afsnit " + (p.index + 1) + ": LIX " + fmt0(p.lix.value) + " (" + p.lix.band_da + ")" }));
      }
      pieces(report.text, p.offset, p.offset + p.length, marks).forEach(function (piece) {
        if (!piece.ids.length) { para.appendChild(document.createTextNode(piece.text)); return; }
        var worst = piece.ids.slice().sort(function (a, b) {
          return sevRank(findings[a].severity) - sevRank(findings[b].severity) || findings[a].length - findings[b].length;
        })[0];
        var mark = el("mark", { "class": "sev-" + findings[worst].severity + (piece.ids.length > 1 ? " multi" : ""), "data-ids": piece.ids.join(" "),
          title: piece.ids.map(function (i) { return findings[i].message; }).join("; ") });
        piece.ids.forEach(function (i) {
          if (!seen[i]) { seen[i] = true; mark.appendChild(el("span", { "class": "anchor", id: "m-" + i, tabindex: "-1" })); }
        });
        mark.appendChild(document.createTextNode(piece.text));
        para.appendChild(mark);
      });
      letter.appendChild(para);
    });
    return letter;
  }

  function renderLix(lix) {
    var card = el("section", { "class": "card lix", "aria-labelledby": "lix-title" },
      [el("h3", { id: "lix-title", text: "LIX" })]);
    if (lix.value !== null) {
      var max = labels.meter_max || 70;
      card.appendChild(el("p", { "class": "lix-value" }, [
        el("span", { "class": "big", text: fmt0(lix.value) }), " ",
        el("span", { "class": "band band-" + String(lix.band).replace(/ /g, "-"), text: lix.band_da })]));
      card.appendChild(el("meter", { id: "lix-meter", min: 0, max: max, low: labels.meter_low, high: labels.meter_high, optimum: 0,
        value: Math.min(lix.value, max), "aria-label": "LIX " + fmt0(lix.value) + " på en skala fra 0 til " + max,
        text: fmt0(lix.value) }));
    } else {
      card.appendChild(el("p", { "class": "lix-value",
        text: "LIX er ikke beregnet: teksten har for få ord eller ingen hele sætninger." }));
    }
    card.appendChild(el("dl", { "class": "counts" }, [
      el("div", null, [el("dt", { text: "Ord" }), el("dd", { text: String(lix.words) })]),
      el("div", null, [el("dt", { text: "Sætninger" }), el("dd", { text: String(lix.sentences) })]),
      el("div", null, [el("dt", { text: "Lange ord" }), el("dd", { text: String(lix.long_words) })])]));
    card.appendChild(el("p", { "class": "help" }, [el("a", { href: labels.about + "#lix", text: "Sådan beregnes LIX" })]));
    return card;
  }

  // Mirrors web/view.py checklist(): the report's "letter" and "sender" sections as check items.
  var OUTCOME_DA = { approval: "bevilling", refusal: "afslag (helt eller delvis)" };
  var PARTS_DA = { where: "hvor man klager", deadline: "klagefrist" };

  function checklist(letter, sender) {
    if (!letter && !sender) return null;
    var out = { kind: null, letter: [], sender: [], reasons: [] };
    function item(ok, text) { return { ok: ok, text: text }; }
    if (letter) {
      out.kind = letter.kind || null;
      if (letter.is_decision) {
        if (OUTCOME_DA[letter.outcome]) out.letter.push(item(null, "Udfald: " + OUTCOME_DA[letter.outcome]));
        var parts = letter.klagevejledning_parts || {};
        var missing = Object.keys(parts).filter(function (p) { return !parts[p]; })
          .map(function (p) { return PARTS_DA[p] || p; });
        if (!letter.klagevejledning) out.letter.push(item(false, "Klagevejledning: mangler"));
        else if (missing.length) out.letter.push(item(false, "Klagevejledning: ja, men uden " + missing.join(" og ")));
        else out.letter.push(item(true, "Klagevejledning: ja"));
        out.letter.push(item(!!letter.begrundelse, "Begrundelse: " + (letter.begrundelse ? "ja" : "mangler")));
        var basis = letter.legal_basis;
        var text = Array.isArray(basis) ? basis.map(String).join(", ") : (basis ? "ja" : "");
        out.letter.push(item(Array.isArray(basis) ? basis.length > 0 : !!basis, "Lovgrundlag: " + (text || "mangler")));
      }
      if (letter.kind === "partshøring" && "reply_deadline" in letter) {
        out.letter.push(item(!!letter.reply_deadline, "Svarfrist: " + (letter.reply_deadline ? "ja" : "mangler")));
      }
    }
    if (sender) {
      out.sender.push(item(!!sender.clear, sender.clear ? "Afsenderen er tydelig" : "Afsenderen er ikke tydelig"));
      out.sender.push(item(!!sender.organisation, "Myndighed: " + (sender.organisation || "mangler")));
      out.sender.push(item(!!sender.unit, "Enhed: " + (sender.unit || "mangler")));
      var c = sender.contact || {};
      var ways = ["person", "phone", "email", "web"].filter(function (k) { return c[k]; })
        .map(function (k) { return String(c[k]); });
      out.sender.push(item(ways.length > 0, "Kontakt: " + (ways.join(", ") || "mangler")));
      out.reasons = (sender.reasons || []).map(String);
    }
    return out;
  }

  function checkItems(list) {
    return el("ul", { "class": "checks" }, list.map(function (it) {
      if (it.ok === null) return el("li", { text: it.text });
      return el("li", { "class": it.ok ? "ok" : "missing" }, [
        el("span", { "aria-hidden": "true", text: it.ok ? "✓" : "✗" }), " " + it.text]);
    }));
  }

  function renderChecklist(report) {
    var cl = checklist(report.letter, report.sender);
    if (!cl) return null;
    var card = el("section", { "class": "card checklist", "aria-labelledby": "checklist-title" },
      [el("h3", { id: "checklist-title", text: "Tjekliste" })]);
    if (cl.kind) {
      card.appendChild(el("p", null, ["Brevtype: ", el("strong", { text: (labels.kinds || {})[cl.kind] || cl.kind })]));
    }
    if (cl.letter.length) card.appendChild(checkItems(cl.letter));
    if (cl.sender.length) {
      card.appendChild(el("h4", { text: "Afsender" }));
      card.appendChild(checkItems(cl.sender));
      if (cl.reasons.length) {
        card.appendChild(el("ul", { "class": "reasons" }, cl.reasons.map(function (r) { return el("li", { text: r }); })));
      }
    }
    return card;
  }

  function renderFinding(f) {
    var li = el("li", { "class": "finding sev-" + f.severity, id: "f-" + f.id });
    var head = el("p", { "class": "finding-head" }, [el("span", { "class": "sev", text: severityDa(f.severity) })]);
    var shown = masked(f);
    if (shown) { head.appendChild(document.createTextNode(" ")); head.appendChild(el("q", { text: truncate(shown, 80) })); }
    li.appendChild(head);
    li.appendChild(el("p", { "class": "message", text: f.message }));
    if (f.description && f.description !== f.message) {
      li.appendChild(el("details", { "class": "explanation" }, [el("summary", { text: "Forklaring" }),
        el("p", { text: f.description })]));
    }
    if (f.replacements && f.replacements.length) {
      var box = el("div", { "class": "replacements" }, [el("span", { text: "Forslag:" })]);
      f.replacements.forEach(function (r) {
        box.appendChild(el("button", { type: "submit", form: "paste-form", "class": "apply", name: "apply",
          value: JSON.stringify({ o: f.offset, l: f.length, t: f.text, r: r }),
          "data-offset": f.offset, "data-length": f.length, "data-text": f.text, "data-replacement": r,
          "aria-label": "Erstat «" + truncate(shown, 40) + "» med «" + r + "»", text: r }));
      });
      li.appendChild(box);
    }
    var links = el("p", { "class": "links" });
    if (f.inline) { links.appendChild(el("a", { href: "#m-" + f.id, text: "Vis i teksten" })); links.appendChild(document.createTextNode(" · ")); }
    links.appendChild(el("a", { href: f.doc_url || labels.rule_base + f.rule, text: "Om reglen " + f.rule }));
    li.appendChild(links);
    return li;
  }

  function renderFindings(findings) {
    var card = el("section", { "class": "card findings", "aria-labelledby": "findings-title" },
      [el("h3", { id: "findings-title", text: "Fund (" + findings.length + ")" })]);
    if (!findings.length) card.appendChild(el("p", { text: "lixcheck fandt ingen problemer." }));
    var groups = {};
    var order = [];
    findings.slice().sort(function (a, b) { return sevRank(a.severity) - sevRank(b.severity) || a.offset - b.offset; })
      .forEach(function (f) {
        if (!groups[f.category]) { groups[f.category] = []; order.push(f.category); }
        groups[f.category].push(f);
      });
    order.sort(function (a, b) {
      var ra = Math.min.apply(null, groups[a].map(function (f) { return sevRank(f.severity); }));
      var rb = Math.min.apply(null, groups[b].map(function (f) { return sevRank(f.severity); }));
      return ra - rb;
    });
    order.forEach(function (c) {
      var list = el("ol", { "class": "finding-list" }, groups[c].map(renderFinding));
      card.appendChild(el("section", { "class": "group", "aria-labelledby": "g-" + c }, [
        el("h4", { id: "g-" + c, text: categoryDa(c) + " (" + groups[c].length + ")" }), list]));
    });
    return card;
  }

  function statusLine(report) {
    var lix = report.lix;
    return "Tjekket: " + report.findings.length + " fund. " +
      (lix.value !== null ? "LIX " + fmt0(lix.value) + " (" + lix.band_da + ")" : "LIX er ikke beregnet") + ".";
  }

  function render(report) {
    var findings = report.findings.map(function (f, i) {
      var copy = Object.assign({}, f);
      copy.id = i;
      copy.inline = isInline(f, report.paragraphs);
      return copy;
    });
    var textCol = el("div", { "class": "result-text" }, [
      el("h3", { text: "Teksten med markeringer" }),
      el("p", { "class": "help", text: "Markeringerne viser fund. Farven viser, hvor vigtigt fundet er: rød er en fejl, gul en advarsel og blå et forslag. En tyk streg betyder flere fund samme sted." }),
      renderLetter(report, findings)]);
    var side = el("div", { "class": "result-side" }, [renderLix(report.lix), renderChecklist(report),
      el("section", { "class": "card downloads", "aria-labelledby": "downloads-title" }, [
        el("h3", { id: "downloads-title", text: "Hent" }),
        el("p", { "class": "help" }, ["Brug knappen ", el("q", { text: "Hent resultatet som JSON" }), " ved tekstfeltet."])]),
      renderFindings(findings)]);
    results.replaceChildren(el("h2", { id: "results-title", text: "Resultat" }),
      el("div", { "class": "result-grid" }, [textCol, side]));
    results.hidden = false;
    status.textContent = statusLine(report);
  }

  function runCheck() {
    var text = textarea.value;
    if (!text.trim()) { status.textContent = ""; return; }
    if (inflight) inflight.abort();
    inflight = new AbortController();
    var mine = ++serial;
    status.setAttribute("aria-busy", "true");
    fetch(labels.api || "/api/v1/check", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ text: text, kind: kindSelect ? kindSelect.value : "" }),
      signal: inflight.signal,
      credentials: "same-origin"
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (res) {
      if (mine !== serial) return;
      if (res.ok) render(res.body);
      else status.textContent = (res.body && res.body.error && res.body.error.message) || "Teksten kunne ikke tjekkes.";
    }).catch(function (err) {
      if (err && err.name === "AbortError") return;
      if (mine === serial) status.textContent = "Teksten kunne ikke tjekkes lige nu. Prøv knappen Tjek teksten.";
    }).finally(function () {
      if (mine === serial) status.removeAttribute("aria-busy");
    });
  }

  function schedule() {
    clearTimeout(timer);
    if (textarea.value.length > LIVE_MAX_CHARS) {  // long texts are checked on request only
      status.textContent = "Teksten er lang, så den bliver ikke tjekket, mens du skriver. Tryk på Tjek teksten.";
      return;
    }
    timer = setTimeout(runCheck, DELAY_MS);
  }

  textarea.addEventListener("input", schedule);
  if (kindSelect) kindSelect.addEventListener("change", schedule);

  // One click applies a replacement in the text box (paste mode) and checks again at once.
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest ? ev.target.closest("button.apply") : null;
    if (!btn) return;
    ev.preventDefault();
    var o = Number(btn.getAttribute("data-offset"));
    var n = Number(btn.getAttribute("data-length"));
    var expected = btn.getAttribute("data-text");
    var r = btn.getAttribute("data-replacement");
    var text = textarea.value;
    if (text.slice(o, o + n) !== expected) {
      status.textContent = "Teksten er ændret siden sidste tjek, så rettelsen blev ikke lavet. Tjekker igen.";
      runCheck();
      return;
    }
    textarea.value = text.slice(0, o) + r + text.slice(o + n);
    textarea.focus();
    textarea.setSelectionRange(o, o + r.length);
    clearTimeout(timer);
    runCheck();
  });
})();
