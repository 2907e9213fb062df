"""Open pages follow an import made beside the running app (`streamlit run`, sessions spoken through
Streamlit's websocket protocol, their fragments ticked as a browser's timer ticks them): a page drawn
before the import is drawn again once with the new data; a page drawn after it is not drawn again."""

import asyncio

from streamlit.proto import BackMsg_pb2, ForwardMsg_pb2

from dashboard.bench import load
from tests.conftest import FOUNDING_REPORT, run_cli
from tests.test_browser import server  # noqa: F401

FINISHED = ForwardMsg_pb2.ForwardMsg


class Viewer:
    def __init__(self, socket, query_string: str):
        self.socket, self.query_string = socket, query_string
        self.fragments: set[str] = set()
        self.full_runs = 0
        self.cut_short = 0  # runs stopped to start again (st.rerun)
        self.events_shown = ""

    async def _send(self, fragment_id: str | None = None) -> None:
        message = BackMsg_pb2.BackMsg()
        message.rerun_script.query_string = self.query_string
        if fragment_id:
            message.rerun_script.fragment_id = fragment_id
            message.rerun_script.is_auto_rerun = True
        await self.socket.send(message.SerializeToString())

    async def _until_finished(self) -> None:
        while True:
            reply = ForwardMsg_pb2.ForwardMsg()
            reply.ParseFromString(await asyncio.wait_for(self.socket.recv(), load.REPLY_SECONDS))
            kind = reply.WhichOneof("type")
            if kind == "auto_rerun":
                self.fragments.add(reply.auto_rerun.fragment_id)
            elif kind == "delta" and reply.delta.new_element.WhichOneof("type") == "metric":
                if reply.delta.new_element.metric.label == "Events":
                    self.events_shown = reply.delta.new_element.metric.body
            elif kind == "script_finished":
                if reply.script_finished == FINISHED.FINISHED_SUCCESSFULLY:
                    self.full_runs += 1
                    return
                if reply.script_finished == FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                    return
                self.cut_short += reply.script_finished == FINISHED.FINISHED_EARLY_FOR_RERUN

    async def run(self) -> None:
        await self._send()
        await self._until_finished()

    async def tick(self) -> None:
        """What the browser's timer does for each fragment that asked for it (`run_every`)."""
        for fragment_id in sorted(self.fragments):
            await self._send(fragment_id)
            await self._until_finished()


def test_a_page_reruns_once_after_an_import_and_only_if_it_was_drawn_before_it(server, tmp_path):  # noqa: F811
    import websockets

    report = tmp_path / "batken_again.txt"
    report.write_text(
        FOUNDING_REPORT.read_text(encoding="utf-8").replace("July 08, 2021", "July 10, 2021"), encoding="utf-8"
    )
    stream = server.url.replace("http://", "ws://") + "/_stcore/stream"

    async def scenario() -> tuple[Viewer, Viewer, str]:
        async with (
            websockets.connect(stream, subprotocols=["streamlit"], max_size=None, ping_interval=None) as one,
            websockets.connect(stream, subprotocols=["streamlit"], max_size=None, ping_interval=None) as other,
        ):
            untouched, moved_on = Viewer(one, "region=Batken&demo=0"), Viewer(other, "region=Batken&demo=0")
            for viewer in (untouched, moved_on):
                await viewer.run()
                await viewer.tick()
                assert viewer.fragments and viewer.full_runs == 1
            shown_before = untouched.events_shown
            result = await asyncio.to_thread(run_cli, "ingest", str(report), db=server.db)
            assert result.returncode == 0 and "added 1," in result.stdout, result.stderr
            moved_on.query_string = "region=Batken&demo=0&from=2000-01-01"  # the viewer changes a filter
            await moved_on.run()
            for _ in range(2):
                await untouched.tick()
                await moved_on.tick()
            return untouched, moved_on, shown_before

    untouched, moved_on, shown_before = asyncio.run(scenario())
    assert int(untouched.events_shown) == int(shown_before) + 1 == int(moved_on.events_shown)
    assert untouched.full_runs == 2  # its own run, then once with the new data
    # Its two runs, the second with the new data from the start: not stopped halfway to start again.
    assert (moved_on.full_runs, moved_on.cut_short) == (2, 0)
