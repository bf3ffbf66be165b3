"""Compiles a probe source with the flags the build gives one layer (tests/cli/layering.sh).

usage: layer_compile.py BUILD_DIR LAYER_TARGET PROBE.cpp (syntax | preprocess)

The flags are those of the layer's generated header check, BUILD_DIR/layer-headers/
LAYER_TARGET.cpp, in BUILD_DIR/compile_commands.json: the same include directories, definitions
and options as the layer's own sources. "syntax" checks the probe (-fsyntax-only); "preprocess"
prints it preprocessed (-E -P). The compiler's output and exit status are passed through.
"""
import json
import os
import shlex
import subprocess
import sys


def main():
    build, target, probe, mode = sys.argv[1:5]
    suffix = f"/layer-headers/{target}.cpp"
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = json.load(f)
    entry = next((e for e in entries if e["file"].endswith(suffix)), None)
    if entry is None:
        print(f"no compile command for ...{suffix} in {build}/compile_commands.json")
        return 2
    wanted = os.path.realpath(os.path.join(entry["directory"], entry["file"]))
    args = shlex.split(entry["command"]) if "command" in entry else list(entry["arguments"])
    kept = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
        elif arg in ("-c", "-MD", "-MMD") or os.path.realpath(
                os.path.join(entry["directory"], arg)) == wanted:
            pass
        else:
            kept.append(arg)
    kept += ["-fsyntax-only"] if mode == "syntax" else ["-E", "-P"]
    kept.append(os.path.abspath(probe))
    return subprocess.run(kept, cwd=entry["directory"]).returncode


if __name__ == "__main__":
    sys.exit(main())
