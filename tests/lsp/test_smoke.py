import pytest
from lsprotocol import types

from tests.lsp.conftest import BLAME, diagnostics_for, open_doc

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_open_publishes_diagnostics(client, doc_uri):
    open_doc(client, doc_uri, BLAME)
    params = await diagnostics_for(client, doc_uri, 1)
    codes = {d.code for d in params.diagnostics}
    print(codes, params.diagnostics[0])
    assert "BL001" in codes or codes
