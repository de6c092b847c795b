from django.db import migrations

# Exact facet counts for browsing without a query: the number of search entries per combination
# of facet values, kept by a trigger so that every write path (imports, admin, bulk updates,
# cascading deletes) keeps it true.
CREATE = """
CREATE TABLE replies_searchfacets (
    region_id bigint, department_id bigint, sector varchar(64) NOT NULL,
    year smallint, reply_type varchar(1) NOT NULL, entries bigint NOT NULL
);
CREATE UNIQUE INDEX replies_searchfacets_key ON replies_searchfacets
    (region_id, department_id, sector, year, reply_type) NULLS NOT DISTINCT;

CREATE FUNCTION replies_searchfacets_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE replies_searchfacets SET entries = entries - 1
        WHERE region_id IS NOT DISTINCT FROM OLD.region_id
          AND department_id IS NOT DISTINCT FROM OLD.department_id
          AND sector = OLD.sector AND year IS NOT DISTINCT FROM OLD.year
          AND reply_type = OLD.reply_type;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO replies_searchfacets AS f
            (region_id, department_id, sector, year, reply_type, entries)
        VALUES (NEW.region_id, NEW.department_id, NEW.sector, NEW.year, NEW.reply_type, 1)
        ON CONFLICT (region_id, department_id, sector, year, reply_type)
        DO UPDATE SET entries = f.entries + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER replies_searchfacets_count
AFTER INSERT OR DELETE OR UPDATE OF region_id, department_id, sector, year, reply_type
ON replies_searchentry FOR EACH ROW EXECUTE FUNCTION replies_searchfacets_count();

INSERT INTO replies_searchfacets (region_id, department_id, sector, year, reply_type, entries)
SELECT region_id, department_id, sector, year, reply_type, count(*)
FROM replies_searchentry GROUP BY 1, 2, 3, 4, 5;
"""
DROP = """
DROP TRIGGER replies_searchfacets_count ON replies_searchentry;
DROP FUNCTION replies_searchfacets_count();
DROP TABLE replies_searchfacets;
"""


class Migration(migrations.Migration):
    dependencies = [("replies", "0004_search_text_lz4")]

    operations = [migrations.RunSQL(CREATE, DROP)]
