"""The words of the domain, below everything else: the vocabulary (categories,
dispositions, roles), a document as read, the case file, the policy table, the records
zeef keeps, the errors it raises and the operator's settings. Imports nothing of zeef's
other layers."""
