"""Inspection requests (inzage, AVG art. 15): from request to release.

- `request`: the request register (received, the one-month deadline, an extension by two
  months with its reason; AVG art. 12 lid 3) and the state of the answer;
- `investigation`: when an enforcement investigation ran and closed, and by when the
  subject must be told of it (UAVG art. 41 lid 1 sub h, FAQ Q12);
- `consent`: the per-case register of third parties who consented to disclosure or
  refused, with a privacy officer's weighing (FAQ Q12);
- `contents`: what the package holds, document by document, from the records;
- `letter`: the cover letter and the refusal letter (Dutch, B1, "u");
- `package`: the package itself, redacted with one numbering of third parties across all
  documents and verified as a whole before anything is written;
- `flow`: prepare, release, reject: the steps the `zeef_inzage` DAG calls.
"""
