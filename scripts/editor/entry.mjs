// What web/static/app.js uses from CodeMirror 6: bundled by build.mjs into one script that sets window.LixcheckCM.
export { ChangeSet, EditorSelection, EditorState, StateEffect, StateField } from "@codemirror/state";
export { Decoration, EditorView, keymap } from "@codemirror/view";
export { history, historyKeymap, standardKeymap } from "@codemirror/commands";
