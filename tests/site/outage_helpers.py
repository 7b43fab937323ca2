import socket


def unreachable_redis_url() -> str:
    """A Redis URL on a loopback port nothing listens on: connections are refused at once,
    as they are when the Redis server has been stopped."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"
