"""The app as served in production plus one bare JSON route, the baseline for throughput (bench only)."""
from app import create_app

app = create_app()


def bare():
    """The cheapest JSON answer the same app can give: routing, session, headers, no database."""
    return {"ok": True}


app.add_url_rule("/bench/bare", "bench_bare", bare)
