// The publishing desk's scripts: progressive enhancement only. Every page works without them.
"use strict";
