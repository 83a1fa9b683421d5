from django.core.management import call_command


def test_collectstatic_writes_hashed_compressed_files_that_whitenoise_serves(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)

    hashed = sorted(tmp_path.glob("css/base.*.css"))
    assert hashed, "no hashed copy of css/base.css"
    assert hashed[0].with_name(hashed[0].name + ".gz").exists()
    assert (tmp_path / "staticfiles.json").exists()

    from django.contrib.staticfiles.storage import staticfiles_storage

    url = staticfiles_storage.url("css/base.css")
    assert url.startswith("/static/css/base.") and url != "/static/css/base.css"

    from django.test import RequestFactory
    from whitenoise.middleware import WhiteNoiseMiddleware

    # A fresh middleware reads the new STATIC_ROOT, as a production process does at start-up.
    middleware = WhiteNoiseMiddleware(lambda request: None)
    response = middleware(RequestFactory().get(url, HTTP_ACCEPT_ENCODING="gzip"))
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
