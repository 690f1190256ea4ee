#!/usr/bin/env python3
"""A small TLS test server for edm's loopback tests (Python ssl, memory BIOs for full control).

Prints "PORT n" once listening on 127.0.0.1 (or ::1 with --listen ::1), then one line per event, flushed:
  SNI <name or ->          the server name the client sent (none for IP literals)
  HANDSHAKE OK <version> <client-certificate-subject or ->   |  HANDSHAKE FAILED <reason>
  AFTER <n> <hex>          bytes the client sent after a failed handshake (a safe client sends none)
  RECEIVED <hex>           (implicit mode) application data, echoed back
  PLAIN <line>             (starttls mode) a command received before TLS
  TLS <line>               (starttls mode) a command received over TLS
  CLOSED
Modes: implicit (TLS at once, echo) or starttls (a minimal SMTP server: EHLO, STARTTLS, AUTH, QUIT).
Usage: tls-server.py --cert C --key K [--mode implicit|starttls] [--max-tls 1.1] [--client-ca CA]
                     [--listen ::1]"""
import argparse
import signal
import socket
import ssl
import sys
import threading
import warnings

warnings.simplefilter("ignore", DeprecationWarning)  # TLS 1.1 is deprecated: that is the point

# A test runner may start us with signals blocked (the mask is inherited): let SIGTERM stop us.
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])

p = argparse.ArgumentParser()
p.add_argument("--cert", required=True)
p.add_argument("--key", required=True)
p.add_argument("--mode", default="implicit", choices=["implicit", "starttls"])
p.add_argument("--max-tls", default=None, choices=["1.1", "1.2"])
p.add_argument("--client-ca", default=None)
p.add_argument("--listen", default="127.0.0.1", help="127.0.0.1 or ::1")
a = p.parse_args()

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(a.cert, a.key)
if a.max_tls == "1.1":
    # OpenSSL 3 refuses TLS 1.1 at its default security level; this server exists to be refused.
    ctx.minimum_version = ssl.TLSVersion.TLSv1_1
    ctx.maximum_version = ssl.TLSVersion.TLSv1_1
    ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
elif a.max_tls == "1.2":
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
ctx.sni_callback = lambda obj, server_name, context: say("SNI %s" % (server_name or "-"))
if a.client_ca:
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(a.client_ca)

lock = threading.Lock()


def say(line):
    with lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


class Conn:
    def __init__(self, sock):
        self.sock = sock
        self.pending = b""  # plaintext bytes read but not yet consumed

    def recv_raw(self):
        try:
            return self.sock.recv(65536)
        except OSError:
            return b""

    def line_plain(self):
        while b"\n" not in self.pending:
            data = self.recv_raw()
            if not data:
                return None
            self.pending += data
        line, _, self.pending = self.pending.partition(b"\n")
        return line.rstrip(b"\r").decode("utf-8", "replace")

    def handshake(self):
        self.inc, self.out = ssl.MemoryBIO(), ssl.MemoryBIO()
        self.tls = ctx.wrap_bio(self.inc, self.out, server_side=True)
        if self.pending:
            self.inc.write(self.pending)
            self.pending = b""
        while True:
            try:
                self.tls.do_handshake()
                self.flush()
                peer = self.tls.getpeercert()
                subject = "-"
                if peer:
                    subject = ",".join("%s=%s" % kv for rdn in peer["subject"] for kv in rdn)
                say("HANDSHAKE OK %s %s" % (self.tls.version(), subject))
                return True
            except ssl.SSLWantReadError:
                self.flush()
                data = self.recv_raw()
                if not data:
                    say("HANDSHAKE FAILED eof")
                    return False
                self.inc.write(data)
            except ssl.SSLError as e:
                self.flush()
                say("HANDSHAKE FAILED %s" % (e.reason or e))
                self.report_after()
                return False

    def report_after(self):
        """Collects whatever the client sends after a failed handshake, until it closes (or 1 s passes)."""
        rest = self.inc.read() if self.inc.pending else b""
        self.sock.settimeout(1.0)
        while True:
            try:
                data = self.sock.recv(65536)
            except OSError:
                break
            if not data:
                break
            rest += data
        say("AFTER %d %s" % (len(rest), rest.hex()))

    def flush(self):
        data = self.out.read()
        if data:
            try:
                self.sock.sendall(data)
            except OSError:
                pass

    def recv_tls(self):
        while True:
            try:
                return self.tls.read(65536)
            except ssl.SSLWantReadError:
                data = self.recv_raw()
                if not data:
                    return b""
                self.inc.write(data)
            except (ssl.SSLZeroReturnError, ssl.SSLError):
                return b""

    def send_tls(self, data):
        self.tls.write(data)
        self.flush()

    def line_tls(self):
        while b"\n" not in self.pending:
            data = self.recv_tls()
            if not data:
                return None
            self.pending += data
        line, _, self.pending = self.pending.partition(b"\n")
        return line.rstrip(b"\r").decode("utf-8", "replace")


def implicit(c):
    if not c.handshake():
        return
    while True:
        data = c.recv_tls()
        if not data:
            break
        say("RECEIVED %s" % data.hex())
        c.send_tls(data)


def starttls(c):
    c.sock.sendall(b"220 tls-test ESMTP\r\n")
    while True:
        line = c.line_plain()
        if line is None:
            return
        say("PLAIN %s" % line)
        verb = line.split(" ")[0].upper()
        if verb == "EHLO":
            c.sock.sendall(b"250-tls-test\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
        elif verb == "STARTTLS":
            c.sock.sendall(b"220 2.0.0 go ahead\r\n")
            break
        elif verb == "QUIT":
            c.sock.sendall(b"221 bye\r\n")
            return
        else:
            c.sock.sendall(b"530 5.7.0 must issue STARTTLS first\r\n")
    if not c.handshake():
        return
    while True:
        line = c.line_tls()
        if line is None:
            return
        say("TLS %s" % line)
        verb = line.split(" ")[0].upper()
        if verb == "EHLO":
            c.send_tls(b"250-tls-test\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 1000000\r\n")
        elif verb == "AUTH":
            c.send_tls(b"235 2.7.0 ok\r\n")
        elif verb == "QUIT":
            c.send_tls(b"221 2.0.0 bye\r\n")
            return
        else:
            c.send_tls(b"250 2.0.0 ok\r\n")


def serve(sock):
    c = Conn(sock)
    try:
        (implicit if a.mode == "implicit" else starttls)(c)
    finally:
        say("CLOSED")
        sock.close()


listener = socket.socket(socket.AF_INET6 if ":" in a.listen else socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind((a.listen, 0))
listener.listen(16)
say("PORT %d" % listener.getsockname()[1])
while True:
    s, _ = listener.accept()
    threading.Thread(target=serve, args=(s,), daemon=True).start()
