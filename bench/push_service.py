"""A stand-in Web Push service for the bench: `python -m bench.push_service` prints its port, then answers
201 Created to every POST, and the number of POSTs so far to GET /count.

A bare asyncio HTTP/1.1 responder (keep-alive, Content-Length bodies), so that on a 2-core machine the stand-in
costs the dispatcher as little CPU as a remote push service would: http.server's threads took about as much
CPU per request as the dispatcher's own work.
"""
from __future__ import annotations

import asyncio
import sys

CREATED = b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"


class PushService(asyncio.Protocol):
    received = 0

    def connection_made(self, transport):
        self.transport, self.buffer = transport, b""

    def data_received(self, data: bytes):
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end].decode("latin-1")
            length = next((int(line.split(":", 1)[1]) for line in head.split("\r\n")[1:]
                           if line.lower().startswith("content-length:")), 0)
            if len(self.buffer) < end + 4 + length:
                return
            self.buffer = self.buffer[end + 4 + length:]
            self.transport.write(self.answer(head.split(" ", 1)[0]))

    def answer(self, method: str) -> bytes:
        if method == "POST":
            PushService.received += 1
            return CREATED
        body = str(PushService.received).encode()
        return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)


async def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = await asyncio.get_running_loop().create_server(PushService, "127.0.0.1", port)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
