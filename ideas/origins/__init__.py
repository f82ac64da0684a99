"""Ideas made from what was said elsewhere: a co-design workshop's decision
(``decisions``) or an observation walk's finding (``walk_findings``). The feedback loop then
takes over, as for any idea.

Both go the same way (``common``): whoever may turn the source into an idea picks one of the
region's rounds in which they may post, edits the title and description prefilled from the
source, and posts through ``ideas.services.post_idea`` (themes, the personal-details guard,
the rate limit, the notices). The idea then points back at its source (``Idea.workshop_decision``,
``Idea.walk_finding``): ideas knows workshops and walks, never the other way round. A source
becomes one idea; once it has one, its address leads there.
"""
