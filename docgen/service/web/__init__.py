"""The review team's workbench: a web application over a folder of case files, for the board's administrator, the
panel chair, the independent author and each agency's author, each seeing only what is theirs.

`server.create_app(folder)` is the ASGI application and `server.serve` runs it with uvicorn (`docgen serve
FOLDER`); `accounts` and `store` are all `docgen users` needs, so that command imports no web framework.
"""
