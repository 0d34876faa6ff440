#!/usr/bin/env node
// Phrase boundaries by BudouX's own JavaScript parser, for tests/test_phrase.c to compare with.
// Reads one text a line; writes "TEXT<TAB>i,j,..." (code-point indices where phrases start).
//   node tools/budoux-reference.js PACKAGE_DIR ja < tests/data/phrase-ja.txt > tests/data/phrase-ja.ref
'use strict';
const path = require('path');
const [pkg, name] = process.argv.slice(2);
const { Parser } = require(path.resolve(pkg, 'dist/parser.js'));
const parser = new Parser(require(path.resolve(pkg, 'dist/data/models', name + '.js')).model);
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter((l) => l.length);
for (const text of lines) {
  if (/[\u{10000}-\u{10FFFF}]/u.test(text)) throw new Error('outside the BMP: UTF-16 indices differ');
  process.stdout.write(`${text}\t${parser.parseBoundaries(text).join(',')}\n`);
}
