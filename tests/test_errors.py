import json

import pytest

from replies import errors


@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_api_errors_are_json_and_pages_are_chinese(rf, status):
    handler = {
        400: errors.bad_request,
        403: errors.permission_denied,
        404: errors.page_not_found,
        500: errors.server_error,
    }[status]
    args = () if status == 500 else (Exception("x"),)
    api = handler(rf.get("/api/search"), *args)
    assert api.status_code == status and api["Content-Type"] == "application/json"
    assert json.loads(api.content) == {"errors": {"__all__": [errors.MESSAGES[status]]}}
    page = handler(rf.get("/search/"), *args)
    assert page.status_code == status and page["Content-Type"].startswith("text/html")
