"""Attachments: Wagtail documents (minutes as PDF, slides) attached to a meeting or an idea
round, and who may download them. Not an app of its own: its models are abstract, and each
app that attaches documents to something subclasses them (panels.meetings'
``MeetingAttachment``, ideas' ``RoundAttachment``).

- ``models``: ``DocumentAttachment``, the abstract orderable row (the document, a title that
  defaults to the document's, the order) and what a page shows of it ("PDF, 230 kB"); an
  attachment is seen by whoever sees what it is attached to (the parent's
  ``objects.visible_to``).
- ``access``: who may download a document, asked of every attachment model at once in one
  query (``downloadable_by``, ``may_download``), and the refusal that the
  ``before_serve_document`` hook in panels.wagtail_hooks sends.
- ``admin``: the InlinePanel for the admin edit forms, and the check that an editor attaches
  only documents they may download themselves.

Documents used by nothing here (in a page's rich text or a document chooser, say) are left to
Wagtail's collection privacy, as before.
"""
