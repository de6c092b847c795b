from django.db import migrations

# TRUNCATE (manage.py flush, test teardown) fires no row triggers: empty the summary with it.
CREATE = """
CREATE FUNCTION replies_searchfacets_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE replies_searchfacets;
    RETURN NULL;
END $$;

CREATE TRIGGER replies_searchfacets_empty AFTER TRUNCATE ON replies_searchentry
FOR EACH STATEMENT EXECUTE FUNCTION replies_searchfacets_empty();

TRUNCATE replies_searchfacets;
INSERT INTO replies_searchfacets (region_id, department_id, sector, year, reply_type, entries)
SELECT region_id, department_id, sector, year, reply_type, count(*)
FROM replies_searchentry GROUP BY 1, 2, 3, 4, 5;
"""
DROP = """
DROP TRIGGER replies_searchfacets_empty ON replies_searchentry;
DROP FUNCTION replies_searchfacets_empty();
"""


class Migration(migrations.Migration):
    dependencies = [("replies", "0005_search_facet_summary")]

    operations = [migrations.RunSQL(CREATE, DROP)]
