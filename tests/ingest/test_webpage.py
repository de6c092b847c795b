"""Web pages: the main text, the metadata table and the address, in linear time whatever the
page's shape (hostile pages generated here, small enough for CI)."""

import pytest

from replies.ingest.read import ReadError, read_html
from replies.ingest.webpage import read_page


def test_blocks_breaks_and_cells_become_lines_and_chrome_leaves_its_tail():
    page = read_page(
        "<html><body><div class='nav'>首页 > 答复</div>正文前<p>第一段<br>第二段<!-- x -->续</p>"
        "<table><tr><td>甲</td><td>乙</td></tr></table><script>var a;</script>结尾</body></html>"
    )
    assert page.text == "正文前\n第一段\n第二段续\n甲 乙\n结尾"


def test_the_metadata_table_is_taken_even_inside_a_layout_table():
    page = read_page(
        "<table><tr><td><table><tr><td>索引号：</td><td>001/2024-01</td>"
        "<td>发布机构：</td><td>德清县教育局</td></tr></table></td></tr>"
        "<tr><td><p>关于第12号提案的答复</p></td></tr></table>"
    )
    assert page.meta == {"索引号": "001/2024-01", "发布机构": "德清县教育局"}
    assert page.text == "关于第12号提案的答复"


def test_only_web_addresses_are_kept():
    canonical = '<link rel="canonical" href="{}"><p>正文</p>'
    assert read_page(canonical.format("https://www.example.gov.cn/a.html")).url.startswith("https")
    for hostile in [
        "javascript:alert(1)",
        "data:text/html,x",
        " JAVASCRIPT:x",
        "file:///etc/passwd",
    ]:
        assert read_page(canonical.format(hostile)).url == ""


def test_a_page_nested_thousands_deep_fails_with_one_line():
    page = "<html><body>" + "<div>" * 8000 + "关于答复" + "</div>" * 8000 + "</body></html>"
    with pytest.raises(ReadError, match="cannot be read whole"):
        read_html(page.encode())


def test_deep_and_wide_pages_are_read_whole():
    deep = "<html><body>" + ("<table><tr><td>" * 200 + "关于答复" + "</td></tr></table>" * 200) * 20
    assert read_html((deep + "</body></html>").encode()).text.count("关于答复") == 20
    wide = "<html><body>" + "<p>答复内容</p><script>x</script>" * 20_000 + "</body></html>"
    assert read_html(wide.encode()).text.count("答复内容") == 20_000


def test_a_page_with_no_text_fails():
    with pytest.raises(ReadError, match="no text"):
        read_html(b"<html><body><nav>menu</nav><script>x</script></body></html>")


def test_a_table_layout_site_loses_its_menu_and_footer_and_keeps_the_letter_and_metadata():
    page = read_page(
        "<table><tr><td><a href=/>首页</a> <a href=/a>政务公开</a> <a href=/b>办事服务</a> "
        "<a href=/c>互动交流</a></td></tr>"
        "<tr><td><table><tr><td>索引号：</td><td>001/2024-01</td><td>发布机构：</td>"
        "<td>德清县教育局</td></tr></table></td></tr>"
        "<tr><td><p>关于第1号提案的答复</p><p>张三委员：详见<a href=/x>附件</a>。</p>"
        "<p>主办单位：德清县教育局 联系电话：0572-8888888</p></td></tr>"
        "<tr><td>主办单位：德清县人民政府办公室 地址：武康街道 邮编：313200</td></tr>"
        "<tr><td>版权所有 © 德清县人民政府 浙ICP备12345号</td></tr></table>"
    )
    assert page.text == (
        "关于第1号提案的答复\n张三委员：详见附件。\n主办单位：德清县教育局 联系电话：0572-8888888"
    )
    assert page.meta == {"索引号": "001/2024-01", "发布机构": "德清县教育局"}
