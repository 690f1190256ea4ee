#!/usr/bin/env python3
"""Parses .eml files with Python's email package under policy.strict and prints what it saw as JSON.

Used by MailTests (EmailRoundTripTests and friends) to check edm's MIME output against an independent
parser: headers in order (decoded), every defect (message, part and header), and each part's content
type, decoded text, or attachment filename with the payload's SHA-256 and base64.

Usage: parse_eml.py FILE.eml [FILE.eml ...]   -> a JSON array, one object per file.
"""
import base64
import email
import email.policy
import hashlib
import json
import sys
from email.header import decode_header, make_header


def describe(defect):
    return f"{type(defect).__name__}: {defect}"


def rfc2047_decoded(raw):
    """The legacy RFC 2047 decoder, which drops whitespace between adjacent encoded-words (§6.2)."""
    unfolded = raw.replace("\r\n", "").replace("\n", "")
    return str(make_header(decode_header(unfolded)))


def analyse(path):
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        msg = email.message_from_bytes(data, policy=email.policy.strict)
        headers, defects = [], [describe(d) for d in msg.defects]
        for name, value in msg.items():
            headers.append([name, str(value)])
            defects += [f"{name}: {describe(d)}" for d in getattr(value, "defects", ())]
        raw_headers = [[name, rfc2047_decoded(value)] for name, value in msg.raw_items()]
        addresses = {}
        for field in ("From", "To", "Cc", "Reply-To"):
            if msg[field] is not None:
                addresses[field] = [[a.display_name, a.addr_spec] for a in msg[field].addresses]
        parts = []
        for index, part in enumerate(msg.walk()):
            info = {"content_type": part.get_content_type(), "multipart": part.is_multipart()}
            if index > 0:
                defects += [f"part {index}: {describe(d)}" for d in part.defects]
                for name, value in part.items():
                    defects += [f"part {index} {name}: {describe(d)}" for d in getattr(value, "defects", ())]
                info["headers"] = [[name, str(value)] for name, value in part.items()]
            if not part.is_multipart():
                payload = part.get_payload(decode=True) or b""
                info["disposition"] = part.get_content_disposition()
                info["filename"] = part.get_filename()
                info["content_id"] = part.get("Content-ID")
                info["transfer_encoding"] = part.get("Content-Transfer-Encoding")
                info["sha256"] = hashlib.sha256(payload).hexdigest()
                info["data_base64"] = base64.b64encode(payload).decode("ascii")
                if part.get_content_maintype() == "text" and info["disposition"] != "attachment":
                    info["text"] = part.get_content()
            parts.append(info)
        return {"headers": headers, "raw_headers": raw_headers, "addresses": addresses,
                "defects": defects, "parts": parts}
    except Exception as error:  # strict policy raises on the first message defect
        return {"error": f"{type(error).__name__}: {error}"}


if __name__ == "__main__":
    json.dump([analyse(path) for path in sys.argv[1:]], sys.stdout, ensure_ascii=False)
