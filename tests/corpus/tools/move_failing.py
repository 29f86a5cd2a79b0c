#!/usr/bin/env python3
"""Moves one case out of src/cases/<file>.rs into failing/NN_<name>.rs with the error.

usage: move_failing.py <file> <fn name> <shape> <error text file>
The function is taken from its `#[stackless::coroutine]` line to the closing brace at its
own indentation. The file keeps a comment pointing at the failing copy.
"""
import os, re, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
file, name, shape, errfile = sys.argv[1:5]
path = os.path.join(root, "src", "cases", file + ".rs")
lines = open(path).read().split("\n")
start = None
for i, l in enumerate(lines):
    if re.search(r"\bfn " + re.escape(name) + r"\b", l) and (len(sys.argv) < 6 or sys.argv[5] in l):
        j = i
        while j > 0 and lines[j - 1].strip().startswith(("#[", "///", "pub", "async")) and "fn " not in lines[j - 1]:
            j -= 1
        start = j
        break
assert start is not None, name
indent = len(lines[start]) - len(lines[start].lstrip())
end = None
for k in range(start + 1, len(lines)):
    l = lines[k]
    if l.rstrip() == " " * indent + "}":
        end = k
        break
assert end is not None
body = lines[start : end + 1]
fdir = os.path.join(root, "failing")
n = max([int(f.split("_")[0]) for f in os.listdir(fdir) if f.endswith(".rs")] + [0]) + 1
out = os.path.join(fdir, "%02d_%s.rs" % (n, name))
err = open(errfile).read().rstrip().split("\n")
with open(out, "w") as f:
    f.write("// Shape: %s\n" % shape)
    f.write("// From src/cases/%s.rs (same imports and types as there).\n" % file)
    f.write("// Error with the attribute (the body compiles natively):\n")
    for e in err:
        f.write("//   " + e + "\n" if e else "//\n")
    f.write("\n")
    f.write("\n".join(l[indent:] if l.startswith(" " * indent) else l for l in body) + "\n")
lines[start : end + 1] = [" " * indent + "// `%s` does not compile with the attribute: failing/%s" % (name, os.path.basename(out))]
open(path, "w").write("\n".join(lines))
print(out)
