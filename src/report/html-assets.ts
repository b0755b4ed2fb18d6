/**
 * The inline stylesheet and script of the HTML report. The page is complete without the script:
 * it only reveals and drives the filters (status checkboxes, OU select) by toggling `hidden`.
 */
export const HTML_STYLE = `
:root {
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
  --compliant: #1a7f37; --drift: #bf8700; --declarative: #0969da; --unreachable: #8250df; --error: #cf222e;
  --na: #eaeef2;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #30363d; --panel: #151b23;
    --compliant: #238636; --drift: #9e6a03; --declarative: #1f6feb; --unreachable: #8957e5; --error: #da3633;
    --na: #21262d;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 8px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel); padding: 1px 4px; border-radius: 4px; }
.meta { color: var(--muted); margin: 2px 0; }
.verdict { display: inline-block; margin: 14px 0 10px; padding: 6px 12px; border-radius: 6px; font-weight: 600; color: #fff; }
.verdict.pass { background: var(--compliant); }
.verdict.fail { background: var(--error); }
.counts { display: flex; flex-wrap: wrap; gap: 10px; list-style: none; padding: 0; margin: 0; }
.counts li { min-width: 130px; padding: 8px 14px; border: 1px solid var(--line); border-left: 6px solid var(--c); border-radius: 6px; background: var(--panel); }
.counts b { display: block; font-size: 22px; }
.s-compliant { --c: var(--compliant); } .s-drift { --c: var(--drift); }
.s-managed-by-declarative-policy { --c: var(--declarative); } .s-unreachable { --c: var(--unreachable); }
.s-error { --c: var(--error); } .s-total { --c: var(--muted); }
.filters { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 18px; margin: 24px 0 0; padding: 10px 14px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); }
.filters label { cursor: pointer; white-space: nowrap; }
.filters select { font: inherit; padding: 2px 6px; }
.filters .shown { margin-left: auto; color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 0 0 10px; color: var(--muted); }
.legend span::before { content: attr(data-symbol); display: inline-block; width: 18px; height: 18px; margin-right: 6px; border-radius: 3px; background: var(--c); color: #fff; text-align: center; font-size: 12px; line-height: 18px; vertical-align: -3px; }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
.scroll.fit { width: fit-content; max-width: 100%; }
table { border-collapse: collapse; }
.heat th, .heat td { border-bottom: 1px solid var(--line); }
.heat thead th { position: sticky; top: 0; background: var(--bg); font-weight: 500; color: var(--muted); font-size: 12px; vertical-align: bottom; padding: 6px 2px; }
.heat thead th.region { writing-mode: vertical-rl; transform: rotate(180deg); height: 110px; text-align: left; padding: 4px 0; }
.heat th.account { position: sticky; left: 0; z-index: 1; background: var(--bg); text-align: left; font-weight: 600; padding: 4px 12px; white-space: nowrap; }
.heat th.account small { display: block; font-weight: 400; color: var(--muted); }
.heat tr.ou th { text-align: left; padding: 10px 12px 4px; font-size: 13px; color: var(--muted); background: var(--panel); position: sticky; left: 0; }
.heat td { padding: 2px; text-align: center; vertical-align: middle; }
.heat td.ok { padding: 0 12px; color: var(--muted); font-size: 12px; white-space: nowrap; text-align: right; border-left: 2px solid var(--line); }
.heat td.ok.all { color: var(--compliant); font-weight: 600; }
.cell { display: inline-block; width: 26px; height: 26px; line-height: 26px; border-radius: 4px; background: var(--c); color: #fff; font-size: 13px; font-weight: 700; cursor: help; vertical-align: middle; }
.cell:hover { outline: 2px solid var(--fg); outline-offset: 1px; }
.cell.s-compliant { opacity: .85; }
.heat td.whole { text-align: left; }
.heat td.whole .cell { width: 100%; padding: 0 10px; text-align: left; font-weight: 500; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.heat td.scp { border-right: 2px solid var(--line); padding-right: 8px; }
.na { display: inline-block; width: 26px; height: 26px; border-radius: 4px; background: var(--na); vertical-align: middle; }
.legend .s-na { --c: var(--na); }
.dim { opacity: .18; }
.findings { width: 100%; }
.findings th, .findings td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
.findings thead th { background: var(--panel); font-weight: 600; }
.findings thead th button { all: unset; cursor: pointer; }
.findings thead th button::after { content: " ↕"; color: var(--muted); font-weight: 400; }
.findings thead th[aria-sort=ascending] button::after { content: " ↑"; }
.findings thead th[aria-sort=descending] button::after { content: " ↓"; }
.findings td:not(:last-child) { white-space: nowrap; }
.findings td.status::before { content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; background: var(--c); }
.empty { color: var(--muted); padding: 12px; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media print { .filters { display: none; } .scroll { overflow: visible; } }
`;

export const HTML_SCRIPT = `
(function () {
  var filters = document.getElementById('filters');
  if (!filters) return;
  filters.hidden = false;
  var boxes = Array.prototype.slice.call(filters.querySelectorAll('input[type=checkbox]'));
  var ouSelect = document.getElementById('ou-filter');
  var shown = document.getElementById('shown-count');
  function inOu(ou, wanted) { return wanted === '' || ou === wanted || ou.indexOf(wanted + '/') === 0; }
  function apply() {
    var on = {};
    boxes.forEach(function (box) { on[box.value] = box.checked; });
    var wanted = ouSelect.value;
    document.querySelectorAll('.heat tbody tr').forEach(function (row) {
      row.hidden = !inOu(row.getAttribute('data-ou') || '', wanted);
    });
    document.querySelectorAll('.heat .cell').forEach(function (cell) {
      cell.classList.toggle('dim', !on[cell.getAttribute('data-status')]);
    });
    var visible = 0;
    document.querySelectorAll('.findings tbody tr[data-status]').forEach(function (row) {
      var show = on[row.getAttribute('data-status')] && inOu(row.getAttribute('data-ou') || '', wanted);
      row.hidden = !show;
      if (show) visible += 1;
    });
    shown.textContent = visible + (visible === 1 ? ' finding' : ' findings') + ' shown';
    // The heading follows the filters: "Findings (2 of 130)" while some are hidden.
    var count = document.getElementById('findings-count');
    if (count) {
      var total = Number(count.getAttribute('data-total'));
      count.textContent = visible === total ? String(total) : visible + ' of ' + total;
    }
  }
  // Sortable findings columns: a button in each header, toggling ascending / descending.
  var findings = document.querySelector('.findings');
  if (findings) {
    var heads = Array.prototype.slice.call(findings.querySelectorAll('thead th'));
    heads.forEach(function (th, index) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        heads.forEach(function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = findings.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[index].textContent, y = b.cells[index].textContent;
          return (ascending ? 1 : -1) * x.localeCompare(y, undefined, { numeric: true });
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  boxes.forEach(function (box) { box.addEventListener('change', apply); });
  ouSelect.addEventListener('change', apply);
  apply();
})();
`;
