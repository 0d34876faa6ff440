#!/usr/bin/env node
// Extracts a BudouX model (dist/data/models/*.js of the npm package `budoux`) into the
// tab-separated file annai reads at start: one "FEATURE<TAB>KEY<TAB>SCORE" line per weight.
// Run once per model update:  node tools/budoux-extract.js PACKAGE_DIR ja > data/budoux/ja.tsv
'use strict';
const path = require('path');
const [pkg, name] = process.argv.slice(2);
if (!pkg || !name) { console.error('usage: budoux-extract.js PACKAGE_DIR MODEL'); process.exit(2); }
const version = require(path.resolve(pkg, 'package.json')).version;
const model = require(path.resolve(pkg, 'dist/data/models', name + '.js')).model;
const out = [`# BudouX ${name} model, npm budoux ${version}, dist/data/models/${name}.js (Apache-2.0)`];
for (const feature of Object.keys(model).sort()) {
  for (const [key, score] of Object.entries(model[feature])) {
    if (/[\t\n\r]/.test(key) || !Number.isInteger(score)) throw new Error(`${feature} ${JSON.stringify(key)}: cannot be written`);
    out.push(`${feature}\t${key}\t${score}`);
  }
}
process.stdout.write(out.join('\n') + '\n');
