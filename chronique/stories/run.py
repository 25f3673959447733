"""Run the dedupe and stories stages over a built store (what ``chronique stories --refresh`` does).

The build will call :func:`chronique.stages.dedupe.run_dedupe` and
:func:`chronique.stages.cluster.run_stories` itself; this entry point runs them on their own, as one
recorded run (``runs`` table, command ``stories``) with its settings and component versions.
"""

from __future__ import annotations

import time
from typing import Any

from chronique.settings import Settings


def refresh(settings: Settings) -> dict[str, Any]:
    """Group copies and cluster stories in the store ``settings.db``; return the run's counts."""
    from chronique.pipeline import components
    from chronique.stages import cluster, dedupe, embed
    from chronique.store import Store

    t0 = time.perf_counter()
    comps = {
        **components(),
        "dedupe": dedupe.COMPONENT,
        "cluster": cluster.COMPONENT,
        "embed": embed.component(),
    }
    with Store(settings.db) as store:
        run_id = store.start_run("stories", [settings.db], settings.to_dict(), comps)
        try:
            groups = dedupe.run_dedupe(store, settings, run_id)
            stories = cluster.run_stories(store, settings, run_id)
        except BaseException:
            store.finish_run(run_id, "failed", {"seconds": round(time.perf_counter() - t0, 2)})
            raise
        stats = {
            "articles": len(groups.groups),
            "copy_groups": sum(1 for m in groups.members().values() if len(m) > 1),
            "repeated_sentences": len(groups.sentences),
            "stories": len(stories),
            "stories_2plus": sum(1 for s in stories if s.size > 1),
            "seconds": round(time.perf_counter() - t0, 2),
        }
        store.finish_run(run_id, "done", stats)
    return stats
