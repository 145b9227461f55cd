"""Publishing a scheduled post on its platform, exactly once and on time.

One step of work on a publication, as ``publish.PublishPublication`` runs it:

1. The claim, an update that checks the version: one worker at a time, for a short lease that
   ``claim_leases`` keeps alive while the work goes on.
2. The platform's strategy (``instagram``, ``pinterest``; ``platform_publisher``) makes its
   calls and says how the step ended with an outcome value (``outcomes``). It saves nothing
   but at a named checkpoint (``step.Checkpoint``): right before the one call that makes the
   post visible, and where a place in Instagram's quota is taken under the account's lock.
3. The use case applies the outcome to the publication (each outcome says what it does, what
   the timeline records and which event it makes; platform errors become outcomes in
   ``error_outcomes``) and commits, once.
4. Right after that commit, the unit of work sends the message for the next step
   (``dispatch``); what could not be sent then, the sweep (``sweep``) sends.
"""
