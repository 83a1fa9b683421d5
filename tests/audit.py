"""`make audit`: the pinned requirements against the OSV vulnerability database (pip-audit).

Fails on any known vulnerability, and on any requirement it could not check (`--strict`). OSV
is a service on the internet: on a machine that cannot reach it (this workplace's CI machines
have no route to api.osv.dev, and their PyPI mirror keeps no per-release data, which pip-audit's
other service needs) it says so plainly and checks nothing, rather than pass by checking
nothing in silence. `AUDIT_REQUIRED=1` makes that a failure too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OSV = "https://api.osv.dev/v1/query"


def reachable(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=5)  # noqa: S310  # nosec B310 (a fixed https address)
    except urllib.error.HTTPError:
        return True  # it answered (a GET on a POST endpoint is refused): the service is there
    except (urllib.error.URLError, OSError):
        return False
    return True


def main() -> int:
    if not reachable(OSV):
        print(f"pip-audit: NOT RUN, {OSV} cannot be reached from this machine", file=sys.stderr)
        return 1 if os.environ.get("AUDIT_REQUIRED") == "1" else 0
    command = [
        sys.executable, "-m", "pip_audit", "--requirement", str(ROOT / "requirements.txt"),
        "--vulnerability-service", "osv", "--strict", "--progress-spinner", "off",
    ]  # fmt: skip
    return subprocess.run(command, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
