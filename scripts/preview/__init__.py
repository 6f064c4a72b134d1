"""`make serve`: the editors' preview, rebuilt on every save (python -m scripts.preview).

    __main__.py      settings (PORT, DATASET), the build loop, the terminal's news
    server.py        the web server on 127.0.0.1: the built files, plus the reload script and
                     banner (preview.js, preview.css) in HTML responses only
    watch.py         what is watched, and a burst of saves as one build
    rebuild.py       the builder process: validate, then each language in a fork, then what
                     `make site` does across languages, to the pages that changed
    language.py      one language: its Markdown staged where only changed files are rewritten,
                     MkDocs dirty in process, the policy on the pages it wrote
    warm.py          what the builder keeps loaded and cached between builds
"""
