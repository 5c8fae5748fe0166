// Parse formulas with MathJax 3 (the engine GitHub renders math with) and report the ones it rejects.
// Input on stdin: a JSON list of {"where": "...", "tex": "...", "display": true|false}.
// Output on stdout: a JSON list of {"where": "...", "tex": "...", "error": "..."}, empty when all parse.
'use strict';

const { mathjax } = require('mathjax-full/js/mathjax.js');
const { TeX } = require('mathjax-full/js/input/tex.js');
const { liteAdaptor } = require('mathjax-full/js/adaptors/liteAdaptor.js');
const { RegisterHTMLHandler } = require('mathjax-full/js/handlers/html.js');
const { STATE } = require('mathjax-full/js/core/MathItem.js');
require('mathjax-full/js/input/tex/base/BaseConfiguration.js');
require('mathjax-full/js/input/tex/ams/AmsConfiguration.js');
require('mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js');

RegisterHTMLHandler(liteAdaptor());

// Without the "noundefined" package an unknown macro is an error, which is what a check wants:
// on GitHub it would show up as red text.
const tex = new TeX({
  packages: ['base', 'ams', 'boldsymbol'],
  formatError: (_jax, err) => { throw err; },
});
const doc = mathjax.document('', { InputJax: tex });

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const formulas = JSON.parse(input);
  const failures = [];
  for (const f of formulas) {
    try {
      doc.convert(f.tex, { display: Boolean(f.display), end: STATE.CONVERT });
    } catch (err) {
      failures.push({ where: f.where, tex: f.tex, display: Boolean(f.display), error: String(err && err.message ? err.message : err) });
    }
  }
  process.stdout.write(JSON.stringify(failures));
});
