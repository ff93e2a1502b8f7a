// lixcheck review app: the text box becomes an editor with the marks in the text (CodeMirror 6, bundled in
// static/vendor/codemirror.js by scripts/editor/build.mjs). While one types, the text is checked again after a pause
// through POST /tjek/live, which answers the Report and the result panel rendered by the page's own templates
// (web/templates/_panel.html). This file draws the marks and sentence colours from the Report, opens a popover at a
// mark, applies fixes and keeps the panel's filters and ignores. It scores nothing itself.
// The page works without this file (form posts, server-rendered results). Letter text only ever goes into the page
// as text (CodeMirror's document, textContent), never as HTML.
(function () {
  "use strict";

  var CM = window.LixcheckCM;
  var results = document.getElementById("results");
  if (!results) return;
  var labels = JSON.parse(results.getAttribute("data-labels") || "{}");
  var SEVERITY_DA = { error: "Fejl", warning: "Advarsel", suggestion: "Forslag" };
  var DELAY_MS = 600;
  var LIVE_MAX_CHARS = 60000;  // about 20 pages; longer texts are checked when the button is pressed

  // ---- The panel: filters, collapsed groups and ignores survive each re-render -------------------------------------

  var findings = [];           // the last report's findings: {rule, severity, category, …, from, to, ignored}
  var ignoredRules = {};       // rule id → true ("Ignorer reglen i dette brev")
  var ignoredHere = [];        // {rule, from, to}, kept at their place while the text changes ("Ignorer her")
  var showSeverity = { error: true, warning: true, suggestion: true };
  var showCategory = "";
  var closedGroups = {};       // category → true for groups the user closed

  // f: a finding, or a card's data attributes (an uploaded file's panel has cards but no editor)
  function shown(f) {
    if (!f || f.ignored || ignoredRules[f.rule]) return false;
    return showSeverity[f.severity] !== false && (!showCategory || f.category === showCategory);
  }

  function cardFinding(li) {
    var f = findings[Number(li.getAttribute("data-fid"))];
    return { rule: li.getAttribute("data-rule"), severity: li.getAttribute("data-severity"),
      category: li.getAttribute("data-category"), ignored: !!(f && f.ignored) };
  }

  function fidOf(node) {
    var el = node && node.closest ? node.closest("[data-fid]") : null;
    return el ? Number(el.getAttribute("data-fid")) : -1;
  }

  function preparePanel() {
    results.querySelectorAll("[data-js]").forEach(function (el) { el.hidden = false; });
    results.querySelectorAll(".filters input[data-severity]").forEach(function (box) {
      box.checked = showSeverity[box.getAttribute("data-severity")] !== false;
    });
    var select = results.querySelector("#show-category");
    if (select) {
      if (showCategory && !select.querySelector("option[value='" + CSS.escape(showCategory) + "']")) showCategory = "";
      select.value = showCategory;
    }
    results.querySelectorAll("details.group").forEach(function (d) {
      if (closedGroups[d.getAttribute("data-category")]) d.open = false;
    });
    refreshPanel();
  }

  // Hide the cards of ignored and filtered-out findings and count what is left.
  function refreshPanel() {
    var total = 0;
    var ignored = findings.filter(function (f) { return f.ignored || ignoredRules[f.rule]; }).length;
    results.querySelectorAll("li.finding[data-fid]").forEach(function (li) {
      var f = cardFinding(li);
      li.hidden = li.closest(".document") ? (f.ignored || !!ignoredRules[f.rule]) : !shown(f);
    });
    // the filters' own counts: what is not ignored
    var bySeverity = {}, byCategory = {};
    results.querySelectorAll(".findings li.finding[data-fid]").forEach(function (li) {
      var f = cardFinding(li);
      if (f.ignored || ignoredRules[f.rule]) return;
      bySeverity[f.severity] = (bySeverity[f.severity] || 0) + 1;
      byCategory[f.category] = (byCategory[f.category] || 0) + 1;
    });
    results.querySelectorAll(".filters input[data-severity]").forEach(function (box) {
      box.parentNode.querySelector(".n").textContent = String(bySeverity[box.getAttribute("data-severity")] || 0);
    });
    results.querySelectorAll("#show-category option[value]:not([value=''])").forEach(function (o) {
      o.textContent = o.textContent.replace(/\(\d+\)$/, "(" + (byCategory[o.value] || 0) + ")");
    });
    results.querySelectorAll("details.group").forEach(function (d) {
      var n = d.querySelectorAll("li.finding:not([hidden])").length;
      total += n;
      d.hidden = n === 0;
      var count = d.querySelector(".count");
      if (count) count.textContent = String(n);
    });
    var totalEl = results.querySelector(".findings .total");
    if (totalEl) totalEl.textContent = String(total);
    var note = results.querySelector(".ignored-note");
    if (note) {
      note.hidden = ignored === 0;
      note.querySelector(".ignored-count").textContent = ignored === 1 ? "1 fund er ignoreret." :
        ignored + " fund er ignoreret.";
    }
  }

  results.addEventListener("toggle", function (ev) {
    var d = ev.target;
    if (d.matches && d.matches("details.group")) {
      if (d.open) delete closedGroups[d.getAttribute("data-category")];
      else closedGroups[d.getAttribute("data-category")] = true;
    }
  }, true);  // "toggle" does not bubble

  results.addEventListener("change", function (ev) {
    var t = ev.target;
    if (t.matches("input[data-severity]")) showSeverity[t.getAttribute("data-severity")] = t.checked;
    else if (t.id === "show-category") showCategory = t.value;
    else return;
    refreshPanel();
    if (editor) editor.refilter();
  });

  // ---- The editor ----------------------------------------------------------------------------------------------

  var form = document.getElementById("paste-form");
  var textarea = document.getElementById("text");
  var status = document.getElementById("status");
  var editor = null;
  if (CM && form && textarea && status && labels.live) editor = makeEditor();
  preparePanel();
  if (editor && editor.view.state.doc.length) editor.checkNow();

  // The Report counts code points (Python), the editor UTF-16 units: every position from a report goes through here.
  function positionMapper(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return function (cp) { return Math.min(cp, text.length); };
    var starts = [];
    for (var u = 0; u < text.length; u++) {
      starts.push(u);
      var c = text.charCodeAt(u);
      if (c >= 0xD800 && c <= 0xDBFF && u + 1 < text.length) {
        var d = text.charCodeAt(u + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) u++;
      }
    }
    starts.push(text.length);
    return function (cp) { return cp < starts.length ? starts[cp] : text.length; };
  }

  function makeEditor() {
    var Decoration = CM.Decoration, EditorView = CM.EditorView, StateEffect = CM.StateEffect;
    var setMarks = StateEffect.define();
    var refilterMarks = StateEffect.define();
    var setSentences = StateEffect.define();
    var setActive = StateEffect.define();
    var serial = 0, timer = null, inflight = null;
    var pending = null;          // {changes}: the edits made since the request in flight was sent
    var popover = null;          // {el, fids, returnFocus}
    var lastAnnounced = "";

    // All findings' marks (mapped through every edit) and the ones shown (not ignored or filtered out).
    var markField = CM.StateField.define({
      create: function () { return { all: Decoration.none, shown: Decoration.none }; },
      update: function (value, tr) {
        var all = value.all.map(tr.changes), visible = value.shown.map(tr.changes), rebuild = false;
        tr.effects.forEach(function (e) {
          if (e.is(setMarks)) { all = e.value; rebuild = true; }
          if (e.is(refilterMarks)) rebuild = true;
        });
        if (rebuild) {
          var ranges = [];
          all.between(0, tr.state.doc.length, function (from, to, deco) {
            if (shown(findings[deco.spec.fid])) ranges.push(deco.range(from, to));
          });
          visible = Decoration.set(ranges, true);
        }
        return all === value.all && visible === value.shown ? value : { all: all, shown: visible };
      },
      provide: function (f) { return EditorView.decorations.from(f, function (v) { return v.shown; }); }
    });
    var sentenceField = simpleField(setSentences);
    var activeField = simpleField(setActive);

    function simpleField(effect) {
      return CM.StateField.define({
        create: function () { return Decoration.none; },
        update: function (deco, tr) {
          deco = deco.map(tr.changes);
          tr.effects.forEach(function (e) { if (e.is(effect)) deco = e.value; });
          return deco;
        },
        provide: function (f) { return EditorView.decorations.from(f); }
      });
    }

    // The nonce for CodeMirror's fallback <style> element (web/security.py explains the CSP).
    var nonceMeta = document.querySelector("meta[name='lixcheck-style-nonce']");
    var label = document.getElementById("text-label");
    var help = document.getElementById("text-help");
    help.textContent = "Fund er understreget i teksten. Klik på et fund, eller gå til det med F8 og tryk Enter, " +
      "for at se forslag. Esc lukker forslaget.";
    var view = new EditorView({
      doc: textarea.value,
      parent: textarea.parentNode,
      extensions: [
        CM.history(),
        CM.keymap.of([
          { key: "Enter", run: enterOnMark },
          { key: "Alt-Enter", run: function () { return openAtCursor(true); } },
          { key: "Mod-.", run: function () { return openAtCursor(true); } },
          { key: "F8", run: function () { return goToMark(1); } },
          { key: "Shift-F8", run: function () { return goToMark(-1); } },
          { key: "Escape", run: function () { if (!popover) return false; closePopover(false); return true; } }
        ]),
        CM.keymap.of(CM.historyKeymap.concat(CM.standardKeymap)),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-labelledby": "text-label", "aria-describedby": "text-help",
          spellcheck: "true", lang: "da" }),
        nonceMeta ? EditorView.cspNonce.of(nonceMeta.getAttribute("content")) : [],
        markField, sentenceField, activeField,
        EditorView.updateListener.of(onUpdate),
        EditorView.domEventHandlers({ click: onClick })
      ]
    });
    textarea.parentNode.insertBefore(view.dom, textarea);
    textarea.hidden = true;
    label.removeAttribute("for");  // it labels the editor now (aria-labelledby); a click still goes there
    label.addEventListener("click", function () { view.focus(); });
    var letterCopy = document.getElementById("letter-section");
    if (letterCopy) letterCopy.hidden = true;  // the marks are in the editor now
    var live = document.createElement("p");
    live.className = "visually-hidden";
    live.id = "mark-live";
    live.setAttribute("aria-live", "polite");
    view.dom.parentNode.insertBefore(live, view.dom.nextSibling);

    // ---- checking ----

    function onUpdate(update) {
      if (update.docChanged) {
        if (pending) pending.changes = pending.changes.compose(update.changes);
        ignoredHere.forEach(function (e) {
          e.from = update.changes.mapPos(e.from, 1);
          e.to = update.changes.mapPos(e.to, -1);
        });
        if (popover) closePopover(false);
        schedule();
      } else if (update.selectionSet) {
        announceMarkAtCursor();
      }
    }

    function schedule() {
      clearTimeout(timer);
      if (view.state.doc.length > LIVE_MAX_CHARS) {
        status.textContent = "Teksten er lang, så den bliver ikke tjekket, mens du skriver. Tryk på Tjek teksten.";
        return;
      }
      timer = setTimeout(checkNow, DELAY_MS);
    }

    function checkNow() {
      clearTimeout(timer);
      var text = view.state.doc.toString();
      if (!text.trim()) {
        status.textContent = "";
        findings = [];
        view.dispatch({ effects: [setMarks.of(Decoration.none), setSentences.of(Decoration.none)] });
        return;
      }
      if (inflight) inflight.abort();
      inflight = new AbortController();
      var mine = ++serial;
      var request = { changes: CM.ChangeSet.empty(text.length) };
      pending = request;
      status.setAttribute("aria-busy", "true");
      var kind = document.getElementById("kind");
      fetch(labels.live, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ text: text, kind: kind ? kind.value : "" }),
        signal: inflight.signal,
        credentials: "same-origin"
      }).then(function (r) {
        return r.json().then(function (body) { return { ok: r.ok, body: body }; });
      }).then(function (res) {
        if (mine !== serial) return;
        if (res.ok) show(res.body, text, request.changes);
        else status.textContent = (res.body && res.body.error && res.body.error.message) || "Teksten kunne ikke tjekkes.";
      }).catch(function (err) {
        if (err && err.name === "AbortError") return;
        if (mine === serial) status.textContent = "Teksten kunne ikke tjekkes lige nu. Prøv knappen Tjek teksten.";
      }).finally(function () {
        if (mine === serial) { status.removeAttribute("aria-busy"); pending = null; }
      });
    }

    // Draw a report that was made for `sent`; `changes` are the edits made since, which move its positions.
    function show(body, sent, changes) {
      var report = body.report;
      if (report.text.length !== sent.length) {  // not the text we sent (it never differs but in masked CPR digits)
        status.textContent = "Teksten kunne ikke tjekkes. Prøv knappen Tjek teksten.";
        return;
      }
      var toEditor = positionMapper(report.text);
      function place(offset, length) {
        var from = toEditor(offset), to = toEditor(offset + length);
        if (changes.touchesRange(from, to)) return null;  // edited since: the next check marks it again
        return { from: changes.mapPos(from, 1), to: changes.mapPos(to, -1), original: sent.slice(from, to) };
      }
      var scrollTop = results.scrollTop;
      var focusedFid = results.contains(document.activeElement) ? fidOf(document.activeElement) : -1;
      results.innerHTML = body.panel;  // rendered by the server's templates, letter text escaped there
      var meter = document.getElementById("lix-live");
      if (meter) meter.innerHTML = body.meter;
      results.hidden = false;

      // Marks only for findings the panel can show in the text (not letter-level ones, not whole paragraphs).
      var inText = {};
      results.querySelectorAll("a.show[data-fid]").forEach(function (a) { inText[a.getAttribute("data-fid")] = true; });
      findings = report.findings.map(function (f, i) {
        var at = place(f.offset, f.length) || { from: -1, to: -1, original: null };
        var copy = Object.assign({}, f, at, { id: i, inText: !!inText[i] && at.from >= 0 && at.to > at.from });
        copy.ignored = ignoredHere.some(function (e) { return e.rule === f.rule && e.from === at.from && e.to === at.to; });
        return copy;
      });
      var marks = [];
      findings.forEach(function (f) {
        if (!f.inText) return;
        marks.push(Decoration.mark({ "class": "lx-mark lx-" + f.severity, fid: f.id,
          attributes: { "data-fid": String(f.id), "data-rule": f.rule } }).range(f.from, f.to));
      });
      var sentences = [];
      var levels = labels.sentence_levels || {};
      report.sentences.forEach(function (s) {
        var level = levels[(s.lix || {}).band];
        if (!level || s.counted === false) return;
        var at = place(s.offset, s.length);
        if (at && at.to > at.from) {
          sentences.push(Decoration.mark({ "class": "lx-sent lx-sent-" + level }).range(at.from, at.to));
        }
      });
      view.dispatch({ effects: [setMarks.of(Decoration.set(marks, true)),
        setSentences.of(Decoration.set(sentences, true))] });
      preparePanel();
      results.scrollTop = scrollTop;
      if (focusedFid >= 0) {
        var again = results.querySelector("li.finding[data-fid='" + focusedFid + "']:not([hidden]) button, " +
          "li.finding[data-fid='" + focusedFid + "']:not([hidden]) a");
        (again || results.querySelector("#findings-title") || results).focus({ preventScroll: true });
      }
      status.textContent = body.status;
    }

    function refilter() {
      view.dispatch({ effects: refilterMarks.of(null) });
      if (popover && !popover.fids.some(function (i) { return shown(findings[i]); })) closePopover(false);
    }

    // ---- marks at a place ----

    // The shown marks covering pos (or the range from–to), as {fid, from, to}, most severe first.
    function marksAt(from, to) {
      var out = [];
      view.state.field(markField).shown.between(from, to === undefined ? from : to, function (a, b, deco) {
        if (a <= from && b >= (to === undefined ? from : to)) out.push({ fid: deco.spec.fid, from: a, to: b });
      });
      var rank = { error: 0, warning: 1, suggestion: 2 };
      return out.sort(function (x, y) {
        return rank[findings[x.fid].severity] - rank[findings[y.fid].severity] || (x.to - x.from) - (y.to - y.from);
      });
    }

    function rangeOf(fid) {
      var found = null;
      view.state.field(markField).all.between(0, view.state.doc.length, function (a, b, deco) {
        if (deco.spec.fid === fid) { found = { from: a, to: b }; return false; }
      });
      return found;
    }

    function announceMarkAtCursor() {
      var sel = view.state.selection.main;
      var at = marksAt(sel.from, sel.to);
      var text = at.length ? at.map(function (m) { return nameOf(findings[m.fid]) + ": " + findings[m.fid].message; })
        .join(" ") + (sel.empty ? " Tryk Alt+Enter for at se forslag." : " Tryk Enter for at se forslag.") : "";
      if (text !== lastAnnounced) { lastAnnounced = text; live.textContent = text; }
    }

    function enterOnMark(v) {
      var sel = v.state.selection.main;
      if (sel.empty) return false;
      var at = marksAt(sel.from, sel.to).filter(function (m) { return m.from === sel.from && m.to === sel.to; });
      if (!at.length) return false;  // an ordinary Enter
      openPopover(marksAt(sel.from, sel.to), true);
      return true;
    }

    function openAtCursor(focus) {
      var sel = view.state.selection.main;
      var at = marksAt(sel.head);
      if (!at.length && sel.head > 0) at = marksAt(sel.head - 1);
      if (!at.length) return false;
      openPopover(at, focus);
      return true;
    }

    // F8: select the next shown mark after the cursor (Shift+F8: before it); Enter then opens it.
    function goToMark(dir) {
      var head = view.state.selection.main, list = [];
      view.state.field(markField).shown.between(0, view.state.doc.length, function (a, b) { list.push([a, b]); });
      if (!list.length) { live.textContent = "Der er ingen fund i teksten."; return true; }
      var next = dir > 0 ? list.find(function (r) { return r[0] > head.from || (r[0] === head.from && r[1] !== head.to); })
        : list.slice().reverse().find(function (r) { return r[0] < head.from; });
      next = next || (dir > 0 ? list[0] : list[list.length - 1]);
      closePopover(false);
      view.dispatch({ selection: { anchor: next[0], head: next[1] }, scrollIntoView: true });
      return true;
    }

    function onClick(ev, v) {
      if (!ev.target.closest || !ev.target.closest(".lx-mark")) return false;
      var pos = v.posAtCoords({ x: ev.clientX, y: ev.clientY });
      if (pos === null) return false;
      var at = marksAt(pos);
      if (!at.length && pos > 0) at = marksAt(pos - 1);
      if (at.length) openPopover(at, false);
      return false;  // the click still places the cursor
    }

    // ---- the popover ----

    function nameOf(f) {
      var rule = (labels.rules || {})[f.rule];
      return rule && rule.name ? rule.name : f.rule;
    }

    function firstSentence(text) {
      var m = /^.*?[.!?](?=\s|$)/.exec(text || "");
      return m ? m[0] : (text || "");
    }

    function el(tag, attrs, children) {
      var node = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
      (children || []).forEach(function (c) { if (c) node.appendChild(c); });
      return node;
    }

    function openPopover(at, focus) {
      closePopover(false);
      var fids = at.slice(0, 3).map(function (m) { return m.fid; });
      var box = el("div", { "class": "lx-popover", role: "dialog", "aria-labelledby": "pop-title-0" });
      fids.forEach(function (fid, n) {
        var f = findings[fid];
        var rule = (labels.rules || {})[f.rule] || {};
        var item = el("section", { "class": "pop-item sev-" + f.severity }, [
          el("p", { "class": "pop-head" }, [el("span", { "class": "sev", text: SEVERITY_DA[f.severity] || f.severity }),
            el("strong", { id: "pop-title-" + n, text: " " + nameOf(f) })]),
          el("p", { "class": "pop-message", text: f.message }),
          rule.why ? el("p", { "class": "pop-why", text: firstSentence(rule.why) }) : null,
          f.also && f.also.length ? el("p", { "class": "pop-why", text: "Også: " + f.also.map(function (id) {
            return nameOf({ rule: id });
          }).join(", ") }) : null]);
        if (f.replacements && f.replacements.length) {
          item.appendChild(el("div", { "class": "pop-fixes" }, f.replacements.map(function (r) {
            return el("button", { type: "button", "class": "fix", "data-fid": String(fid), "data-replacement": r,
              "aria-label": "Erstat med «" + r + "»", text: r });
          })));
        }
        item.appendChild(el("div", { "class": "pop-actions" }, [
          el("button", { type: "button", "class": "secondary ignore-here", "data-fid": String(fid), text: "Ignorer her" }),
          el("button", { type: "button", "class": "secondary ignore-rule", "data-fid": String(fid),
            text: "Ignorer reglen i dette brev" }),
          el("a", { href: f.doc_url || (labels.rule_base + f.rule), text: "Om reglen" })]));
        box.appendChild(item);
      });
      box.appendChild(el("button", { type: "button", "class": "pop-close", "aria-label": "Luk forslaget", text: "×" }));
      box.addEventListener("click", onPopoverClick);
      box.addEventListener("keydown", function (ev) {
        if (ev.key === "Escape") { ev.preventDefault(); closePopover(true); }
      });
      live.parentNode.insertBefore(box, live);  // right after the editor: Tab goes on from there
      var range = rangeOf(fids[0]);
      view.dispatch({ effects: setActive.of(range ? Decoration.set([Decoration.mark({ "class": "lx-active" })
        .range(range.from, range.to)]) : Decoration.none) });
      popover = { el: box, fids: fids, returnFocus: focus };
      placePopover(range ? range.from : view.state.selection.main.head);
      if (focus) (box.querySelector("button") || box).focus({ preventScroll: true });
    }

    // At the mark in page coordinates: below it, or above it where there is no room below; inside the window.
    function placePopover(pos) {
      var box = popover.el, at = view.coordsAtPos(pos);
      if (!at) return;
      var width = box.offsetWidth, height = box.offsetHeight;
      var left = Math.max(8, Math.min(at.left, document.documentElement.clientWidth - width - 8));
      var top = at.bottom + 6;
      if (top + height > window.innerHeight && at.top - height - 6 > 0) top = at.top - height - 6;
      box.style.left = (left + window.scrollX) + "px";
      box.style.top = (top + window.scrollY) + "px";
    }

    function closePopover(refocus) {
      if (!popover) return;
      var p = popover;
      var hadFocus = p.el.contains(document.activeElement);
      popover = null;
      p.el.remove();
      view.dispatch({ effects: setActive.of(Decoration.none) });
      if (refocus || (p.returnFocus && hadFocus)) keepScroll(function () { view.focus(); });
    }

    function onPopoverClick(ev) {
      var b = ev.target.closest ? ev.target.closest("button") : null;
      if (!b) return;
      var fid = Number(b.getAttribute("data-fid"));
      if (b.classList.contains("fix")) applyFix(fid, b.getAttribute("data-replacement"));
      else if (b.classList.contains("ignore-here")) ignoreHere(fid, true);
      else if (b.classList.contains("ignore-rule")) ignoreRule(findings[fid].rule, true);
      else if (b.classList.contains("pop-close")) closePopover(true);
    }

    document.addEventListener("mousedown", function (ev) {
      if (popover && !popover.el.contains(ev.target) && !(ev.target.closest && ev.target.closest(".lx-mark"))) {
        closePopover(false);
      }
    });
    window.addEventListener("resize", function () { closePopover(false); });

    // ---- fixes and ignores ----

    function keepScroll(fn) {
      var x = window.scrollX, y = window.scrollY;
      function back() { if (window.scrollX !== x || window.scrollY !== y) window.scrollTo({ left: x, top: y, behavior: "instant" }); }
      fn();
      back();
      requestAnimationFrame(back);
    }

    function applyFix(fid, replacement) {
      var f = findings[fid], range = rangeOf(fid);
      if (!f || !range || view.state.doc.sliceString(range.from, range.to) !== f.original) {
        status.textContent = "Teksten er ændret siden sidste tjek, så rettelsen blev ikke lavet. Tjekker igen.";
        closePopover(false);
        checkNow();
        return;
      }
      closePopover(false);
      keepScroll(function () {
        view.dispatch({ changes: { from: range.from, to: range.to, insert: replacement },
          selection: { anchor: range.from + replacement.length }, userEvent: "input.replace" });
        view.focus();
      });
      status.textContent = "«" + f.original + "» er erstattet med «" + replacement + "». Tjekker igen.";
      checkNow();
    }

    function ignoreHere(fid, fromPopover) {
      var f = findings[fid];
      ignoredHere.push({ rule: f.rule, from: f.from, to: f.to });
      f.ignored = true;
      afterIgnore(fromPopover);
    }

    function ignoreRule(rule, fromPopover) {
      ignoredRules[rule] = true;
      afterIgnore(fromPopover);
    }

    function afterIgnore(fromPopover) {
      var refocus = fromPopover && popover && popover.returnFocus;
      closePopover(false);
      refilter();
      refreshPanel();
      if (refocus) keepScroll(function () { view.focus(); });
    }

    // Panel cards: apply a fix, show a finding in the text, ignore it.
    results.addEventListener("click", function (ev) {
      var t = ev.target.closest ? ev.target.closest("button, a.show") : null;
      if (!t || !results.contains(t)) return;
      var fid = Number(t.getAttribute("data-fid"));
      if (t.classList.contains("apply") && findings[fid]) {
        ev.preventDefault();
        applyFix(fid, t.getAttribute("data-replacement"));
      } else if (t.classList.contains("show") && findings[fid]) {
        ev.preventDefault();
        var range = rangeOf(fid);
        if (!range) return;
        view.dispatch({ selection: { anchor: range.from, head: range.to }, scrollIntoView: true });
        openPopover([{ fid: fid }].concat(marksAt(range.from, range.to).filter(function (m) { return m.fid !== fid; })),
          true);
      } else if (t.classList.contains("ignore") && findings[fid]) {
        var next = t.closest("li.finding");
        do { next = next.nextElementSibling; } while (next && next.hidden);
        ignoreHere(fid, false);
        var target = next && !next.hidden ? next.querySelector("button.ignore") : null;
        (target || results.querySelector("#findings-title")).focus({ preventScroll: true });
      } else if (t.classList.contains("unignore")) {
        ignoredRules = {};
        ignoredHere = [];
        findings.forEach(function (f) { f.ignored = false; });
        refilter();
        refreshPanel();
        results.querySelector("#findings-title").focus({ preventScroll: true });
      }
    });

    form.addEventListener("submit", function (ev) {
      textarea.value = view.state.doc.toString();  // what the form posts (the JSON download)
      if (ev.submitter && ev.submitter.hasAttribute("formaction")) return;
      ev.preventDefault();  // "Tjek teksten": check here, without leaving the page
      checkNow();
    });
    var kindSelect = document.getElementById("kind");
    if (kindSelect) kindSelect.addEventListener("change", checkNow);

    return { view: view, checkNow: checkNow, refilter: refilter };
  }
})();
