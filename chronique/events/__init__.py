"""Event coding: PLOVER events from annotated French news, and the ceasefire tracker.

The stage's entry function is :func:`chronique.stages.events.code_events`; the collection driver
:func:`chronique.events.run.run_events`.
"""
