"""Helpers shared by the dedupe, cluster and timeline stages (pure functions, no I/O).

* :mod:`chronique.stories.sentences` — an article's sentences: from its annotation when there is
  one, else a plain splitter; publication date hook (:func:`~chronique.stories.sentences.pub_date`).
* :mod:`chronique.stories.mentions` — the day-precision dates a sentence mentions: the temporal
  tagger (``chronique.time.tagger.tag``) when it is installed, else a small calendar-based finder.
* :mod:`chronique.stories.textvec` — bag-of-words vectors (TF-IDF, cosine) for sentence selection.
* :mod:`chronique.stories.datewise` — the news-tls DATEWISE baseline timeline generator.
* :mod:`chronique.stories.dated` — articles → :class:`~chronique.stages.timeline.DatedSentence`.
"""
