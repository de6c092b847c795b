from django.db import migrations

# A kept phrase's matches counted by combination of facet values, as a hot bigram's are: a
# query that is exactly a kept phrase then reads one row per combination instead of grouping
# its list (every reply, for 现答复如下). Statement triggers on the lists keep the counts exact;
# the lists are themselves kept exact by the triggers of migration 0009, and an entry's new
# facet key reaches the counts as an update of its listed rows.
COUNTS = """
CREATE TABLE replies_searchphrasecount (
    phrase text NOT NULL,
    facet_key integer NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (phrase, facet_key) INCLUDE (n)
);

CREATE FUNCTION replies_searchphrase_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO replies_searchphrasecount AS c (phrase, facet_key, n)
        SELECT r.phrase, r.facet_key, count(*) FROM new_rows r
        WHERE r.facet_key IS NOT NULL GROUP BY 1, 2
        ON CONFLICT (phrase, facet_key) DO UPDATE SET n = c.n + EXCLUDED.n;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE replies_searchphrasecount c SET n = c.n - d.n
        FROM (
            SELECT r.phrase, r.facet_key, count(*) AS n FROM old_rows r
            WHERE r.facet_key IS NOT NULL GROUP BY 1, 2
        ) d
        WHERE c.phrase = d.phrase AND c.facet_key = d.facet_key;
    ELSE
        INSERT INTO replies_searchphrasecount AS c (phrase, facet_key, n)
        SELECT r.phrase, r.facet_key, sum(r.sign)
        FROM (
            SELECT phrase, facet_key, 1 AS sign FROM new_rows
            UNION ALL
            SELECT phrase, facet_key, -1 FROM old_rows
        ) r
        WHERE r.facet_key IS NOT NULL
        GROUP BY 1, 2
        HAVING sum(r.sign) <> 0
        ON CONFLICT (phrase, facet_key) DO UPDATE SET n = c.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER replies_searchphrasecount_insert AFTER INSERT ON replies_searchphrasematch
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION replies_searchphrase_count();
CREATE TRIGGER replies_searchphrasecount_update AFTER UPDATE ON replies_searchphrasematch
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION replies_searchphrase_count();
CREATE TRIGGER replies_searchphrasecount_delete AFTER DELETE ON replies_searchphrasematch
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION replies_searchphrase_count();

CREATE FUNCTION replies_searchphrasecount_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE replies_searchphrasecount;
    RETURN NULL;
END $$;
CREATE TRIGGER replies_searchphrasecount_empty AFTER TRUNCATE ON replies_searchphrasematch
FOR EACH STATEMENT EXECUTE FUNCTION replies_searchphrasecount_empty();

INSERT INTO replies_searchphrasecount (phrase, facet_key, n)
SELECT phrase, facet_key, count(*) FROM replies_searchphrasematch
WHERE facet_key IS NOT NULL GROUP BY 1, 2;
"""
COUNTS_REVERSE = """
DROP TRIGGER replies_searchphrasecount_empty ON replies_searchphrasematch;
DROP FUNCTION replies_searchphrasecount_empty();
DROP TRIGGER replies_searchphrasecount_delete ON replies_searchphrasematch;
DROP TRIGGER replies_searchphrasecount_update ON replies_searchphrasematch;
DROP TRIGGER replies_searchphrasecount_insert ON replies_searchphrasematch;
DROP FUNCTION replies_searchphrase_count();
DROP TABLE replies_searchphrasecount;
"""


class Migration(migrations.Migration):
    """Kept phrases' matches counted by combination of facet values, kept exact by triggers."""

    dependencies = [("replies", "0010_search_version")]

    operations = [migrations.RunSQL(COUNTS, COUNTS_REVERSE)]
