#!/usr/bin/env python3
"""aiosmtpd on 127.0.0.1 (ephemeral port) with STARTTLS required and AUTH PLAIN/LOGIN after TLS, for edm's
tests. Every message is saved byte for byte: OUTDIR/NNNN.eml (content after dot-unstuffing, as received)
and OUTDIR/NNNN.env (MAIL FROM, then each RCPT TO, one per line). Prints "PORT n" when ready.
Usage: aiosmtpd-server.py --cert C --key K --outdir D [--user U --password P]   (pip install aiosmtpd)"""
import argparse
import signal
import asyncio
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult

# A test runner may start us with signals blocked (the mask is inherited): let SIGTERM stop us.
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])

p = argparse.ArgumentParser()
p.add_argument("--cert", required=True)
p.add_argument("--key", required=True)
p.add_argument("--outdir", required=True)
p.add_argument("--user", default="tester@edm.test")
p.add_argument("--password", default="secret")
p.add_argument("--pipelining", action="store_true",
               help="announce PIPELINING (RFC 2920); aiosmtpd reads commands in order either way")
a = p.parse_args()
os.makedirs(a.outdir, exist_ok=True)

ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
ctx.load_cert_chain(a.cert, a.key)


class Saver:
    def __init__(self):
        self.count = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if a.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        stem = os.path.join(a.outdir, "%04d" % self.count)
        with open(stem + ".env.tmp", "w", encoding="utf-8") as f:
            f.write("\n".join([envelope.mail_from] + envelope.rcpt_tos) + "\n")
        with open(stem + ".eml", "wb") as f:
            f.write(envelope.original_content)
        os.rename(stem + ".env.tmp", stem + ".env")  # the .env appears last: the message is complete
        return "250 2.0.0 OK saved %04d" % self.count


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == a.user.encode() and auth_data.password == a.password.encode()
    # handled=False: aiosmtpd itself then answers 535 (handled=True would leave the client waiting).
    return AuthResult(success=ok, handled=False)


def factory():
    return SMTP(Saver.instance, hostname="aiosmtpd.test", tls_context=ctx, require_starttls=True,
                authenticator=authenticator, auth_require_tls=True, enable_SMTPUTF8=True, decode_data=False)


Saver.instance = Saver()


async def main():
    server = await asyncio.get_running_loop().create_server(factory, "127.0.0.1", 0)
    sys.stdout.write("PORT %d\n" % server.sockets[0].getsockname()[1])
    sys.stdout.flush()
    await server.serve_forever()


asyncio.run(main())
