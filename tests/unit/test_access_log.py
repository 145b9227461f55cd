import logging

from autopost.entrypoints.cli import WithoutQueryStrings


def test_the_access_log_leaves_out_query_strings_where_oauth_codes_travel() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/auth/pinterest/callback/?code=SECRET&state=S", "1.1", 200),
        None,
    )
    assert WithoutQueryStrings().filter(record)
    assert "SECRET" not in record.getMessage()
    assert "/auth/pinterest/callback/" in record.getMessage()
