"""The accessibility statement (saavutettavuusseloste) and its feedback.

- ``models``: ``AccessibilityStatementPage``, a Wagtail page in each language's tree, in the
  form of the Finnish supervisory authority's model statement (Act 306/2019): the service,
  compliance, how it was assessed, known non-conformities, what is outside the law's scope,
  feedback and the enforcement procedure; ``AccessibilityFeedback``, what people report,
  due for an answer within 14 days.
- ``forms``: the feedback form on the statement page.
- ``services``: receiving feedback (the administrators are e-mailed) and answering it.
- ``views``: ``/accessibility/``, the footer's link, which finds the statement in the page's
  language (Finnish where there is none, as for Northern Sámi).
- ``wagtail_hooks``: the administrators' inbox in the Wagtail admin.
- ``demo``: the demo statement in Finnish, Swedish and English.
"""
