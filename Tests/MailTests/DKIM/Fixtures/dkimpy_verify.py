#!/usr/bin/env python3
"""Verifies DKIM-signed messages with dkimpy, for edm's DKIM tests (Tests/MailTests/DKIM).

usage: dkimpy_verify.py RECORDS MESSAGE...

RECORDS is a file of lines "<selector>._domainkey.<domain> <TXT text>", served to dkimpy instead of DNS.
For each MESSAGE one line is printed: "<count> pass" when the message carries <count> DKIM-Signature fields
and every one verifies, else "<count> fail <index>: <reason>". Exit status 0 when the run completed (whatever
the verdicts), 3 when dkimpy or PyNaCl (needed for ed25519-sha256) is missing.
"""
import logging
import sys

try:
    import dkim
    import nacl.signing  # noqa: F401  dkimpy verifies ed25519-sha256 with PyNaCl
except ImportError as missing:
    print(f"missing Python module {missing.name!r}: run scripts/install-test-deps "
          "(pip packages dkimpy and pynacl)", file=sys.stderr)
    sys.exit(3)


class Collector(logging.Handler):
    """Keeps dkimpy's log lines, which say why a signature failed."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def load_records(path):
    records = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line:
                name, text = line.split(" ", 1)
                records[name.lower().rstrip(".")] = text.encode()
    return records


def verdict(message, records):
    def dnsfunc(name, timeout=5):
        return records.get(name.decode().lower().rstrip("."))

    logger = logging.getLogger("dkimpy_verify")
    logger.handlers = []
    collector = Collector()
    logger.addHandler(collector)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        checker = dkim.DKIM(message, logger=logger, minkey=1024)
    except dkim.DKIMException as error:
        return f"0 fail -1: {error}"
    count = sum(1 for name, _ in checker.headers if name.lower() == b"dkim-signature")
    if count == 0:
        return "0 fail -1: no DKIM-Signature field"
    for index in range(count):
        try:
            ok = checker.verify(idx=index, dnsfunc=dnsfunc)
            reason = "; ".join(line for line in collector.lines if "mismatch" in line or "fail" in line)
        except dkim.DKIMException as error:
            ok, reason = False, str(error)
        if not ok:
            return f"{count} fail {index}: {reason or 'signature did not verify'}"
    return f"{count} pass"


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    records = load_records(sys.argv[1])
    for path in sys.argv[2:]:
        with open(path, "rb") as handle:
            print(verdict(handle.read(), records).replace("\n", " "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
