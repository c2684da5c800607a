// The GitHub Action's entry (action.yml): govern check with the Action's inputs. Written by packages/cli/scripts/bundle.mjs.
"use strict";
require("./govern.cjs").runStandalone("action", require.resolve("./govern.cjs"));
