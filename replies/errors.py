"""Error responses: pages in Chinese for people, JSON for the API (a client parsing /api/ answers
must never get an HTML page, whatever went wrong)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

API_PREFIX = "/api/"
MESSAGES = {
    400: "请求参数有误（例如参数过多或格式不对）。",
    403: "没有权限。",
    404: "没有这个地址或记录。",
    500: "服务器出现了问题，已记录下来，请稍后再试。",
}


def for_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def api_error(status: int) -> JsonResponse:
    return JsonResponse(
        {"errors": {"__all__": [MESSAGES[status]]}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return api_error(400) if for_api(request) else defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return api_error(403) if for_api(request) else defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return api_error(404) if for_api(request) else defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    return api_error(500) if for_api(request) else defaults.server_error(request)
