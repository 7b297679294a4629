#!/usr/bin/env python3
# Checks the Flatpak manifest: valid JSON or YAML, its app id matches the desktop file and the metainfo, finish-args minimal.
import glob
import json
import os
import sys
import xml.etree.ElementTree as ET

EXPECTED_FINISH_ARGS = {
    "--share=network",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--share=ipc",
    "--device=dri",
}

failures = 0


def check(ok, message):
    global failures
    print(("ok - " if ok else "not ok - ") + message)
    if not ok:
        failures += 1


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".json"):
        return json.loads(text)
    import yaml  # only needed when a YAML manifest exists
    return yaml.safe_load(text)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    manifests = sorted(glob.glob(os.path.join(root, "flatpak", "*.json"))
                       + glob.glob(os.path.join(root, "flatpak", "*.y*ml")))
    check(len(manifests) > 0, "a manifest exists in flatpak/")

    desktops = glob.glob(os.path.join(root, "data", "*.desktop*"))
    check(len(desktops) == 1, "exactly one desktop file in data/: %s" % desktops)
    desktop_id = os.path.basename(desktops[0]).split(".desktop")[0] if desktops else None
    metainfos = glob.glob(os.path.join(root, "data", "*.metainfo.xml*"))
    check(len(metainfos) == 1, "exactly one metainfo file in data/: %s" % metainfos)
    meta = ET.parse(metainfos[0]).getroot() if metainfos else None
    meta_id = meta.findtext("id") if meta is not None else None
    launchable = meta.findtext("launchable") if meta is not None else None

    for path in manifests:
        name = os.path.basename(path)
        try:
            manifest = load(path)
        except Exception as e:  # any parse error fails the check with its message
            check(False, "%s parses: %s" % (name, e))
            continue
        check(isinstance(manifest, dict), "%s is a mapping" % name)
        app_id = manifest.get("app-id") or manifest.get("id")
        check(app_id is not None, "%s names an app id" % name)
        check(name.rsplit(".", 1)[0] == app_id, "%s is named after its app id %s" % (name, app_id))
        check(app_id == desktop_id, "app id %s matches the desktop file %s" % (app_id, desktop_id))
        check(app_id == meta_id, "app id %s matches the metainfo id %s" % (app_id, meta_id))
        check(launchable == "%s.desktop" % app_id,
              "metainfo launchable %s is the app's desktop file" % launchable)
        args = manifest.get("finish-args", [])
        check(len(args) == len(set(args)), "%s finish-args have no duplicates" % name)
        extra = sorted(set(args) - EXPECTED_FINISH_ARGS)
        missing = sorted(EXPECTED_FINISH_ARGS - set(args))
        check(not extra, "%s finish-args grant nothing more: %s" % (name, extra))
        check(not missing, "%s finish-args grant what the app needs: missing %s" % (name, missing))
        check(manifest.get("command") is not None, "%s names a command" % name)

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
