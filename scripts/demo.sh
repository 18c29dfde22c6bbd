#!/usr/bin/env bash
# Run the Bridewell web app on demo data, on http://127.0.0.1:8000/ until Ctrl+C: three fictional
# custody suites with people in custody now and past records from the synthetic generator (about
# one in five with the defects inspectors typically find), and one account per role, whose
# passwords are made for this run and printed below. Each run starts from a fresh SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
unset DATABASE_URL  # never seed a real database: the demo has its own SQLite file
export BRIDEWELL_DEMO=1
rm -f db.sqlite3
"$UV" run --frozen python manage.py migrate --verbosity 0
DJANGO_DEBUG=0 "$UV" run --frozen python manage.py seed_demo
echo
echo "Bridewell (DEMO) is starting on http://127.0.0.1:8000/ - stop it with Ctrl+C."
exec "$UV" run --frozen python manage.py runserver 127.0.0.1:8000
