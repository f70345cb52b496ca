#!/usr/bin/env node
// `npx newsledger <command>`: the compiled CLI (npm install builds it).
import '../dist/apps/cli/main.js';
