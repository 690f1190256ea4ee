#!/usr/bin/env python3
"""A plaintext SMTP sink on 127.0.0.1 (ephemeral port) that misbehaves on purpose, for edm's fault tests.

Behaviour is chosen by the recipient's local part, so a test knows what each recipient should end as:
  perm*   550 5.1.1 at RCPT (no such user)            -> failed
  block*  554 5.7.1 after DATA (policy)               -> failed
  temp*   451 4.3.0 at RCPT on the first 2 attempts   -> accepted on attempt 3
  rate*   450 4.7.0 at DATA on the first attempt      -> accepted on attempt 2
  full*   452 4.2.2 at RCPT always                    -> deferred
  anything else                                        -> accepted
Accepted messages are recorded in OUTDIR/accepted.log as "recipient message-id" lines, and every attempt in
OUTDIR/attempts.log as "recipient monotonic-time". --fail-after N makes the server exit after N accepted
messages (a relay that dies mid-run). --pipelining announces PIPELINING. --save keeps each accepted message
as OUTDIR/messages/<recipient>.eml (to check what was sent, e.g. its DKIM signatures). Prints "PORT n" when
ready.
"""
import argparse
import asyncio
import os
import signal
import sys
import time

from aiosmtpd.smtp import SMTP

signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
p = argparse.ArgumentParser()
p.add_argument("--outdir", required=True)
p.add_argument("--fail-after", type=int, default=0)
p.add_argument("--save", action="store_true", help="keep accepted messages in OUTDIR/messages")
p.add_argument("--pipelining", action="store_true",
               help="announce PIPELINING (RFC 2920); aiosmtpd reads commands in order either way")
a = p.parse_args()
os.makedirs(a.outdir, exist_ok=True)
attempts = {}
accepted = 0


def log(name, line):
    with open(os.path.join(a.outdir, name), "a") as f:
        f.write(line + "\n")


class Faulty:
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if a.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, options):
        local = address.split("@")[0].lower()
        count = attempts.get(address, 0) + 1
        attempts[address] = count
        log("attempts.log", f"{address} {time.monotonic():.3f}")
        if local.startswith("perm"):
            return "550 5.1.1 no such user"
        if local.startswith("temp") and count <= 2:
            return "451 4.3.0 try again later"
        if local.startswith("full"):
            return "452 4.2.2 mailbox full"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        global accepted
        address = envelope.rcpt_tos[0]
        local = address.split("@")[0].lower()
        if local.startswith("block"):
            return "554 5.7.1 message refused by policy"
        if local.startswith("rate") and attempts.get(address, 0) <= 1:
            return "450 4.7.0 rate limited, slow down"
        message_id = ""
        for line in envelope.content.split(b"\r\n"):
            if line.lower().startswith(b"message-id:"):
                message_id = line.split(b":", 1)[1].strip().decode()
                break
        log("accepted.log", f"{address} {message_id}")
        if a.save:
            os.makedirs(os.path.join(a.outdir, "messages"), exist_ok=True)
            with open(os.path.join(a.outdir, "messages", address + ".eml"), "wb") as f:
                f.write(envelope.original_content or envelope.content)
        accepted += 1
        if a.fail_after and accepted >= a.fail_after:
            asyncio.get_event_loop().call_later(0.05, lambda: os._exit(0))
        return "250 2.0.0 OK"


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(Faulty(), hostname="faulty.test"), "127.0.0.1", 0)
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()

asyncio.run(main())
