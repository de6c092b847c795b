from django.db import migrations

# Ranking finds its candidates through indexes instead of visiting every match: titles by their
# bigrams, 文号 and proposal numbers by value.
CANDIDATE_INDEXES = """
CREATE FUNCTION replies_bigrams(value text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT substr(value, i, 2))), ''::tsvector)
    FROM generate_series(1, length(value) - 1) AS i
$$;
CREATE INDEX search_title_grams ON replies_searchentry USING gin (replies_bigrams(title_norm));
CREATE INDEX search_numbers ON replies_searchentry
    USING gin (string_to_array(btrim(numbers, '|'), '|'));
"""
CANDIDATE_INDEXES_REVERSE = """
DROP INDEX search_numbers;
DROP INDEX search_title_grams;
DROP FUNCTION replies_bigrams(text);
"""

# Hot terms: the bigrams in so many entries that counting their matches one by one costs more
# than reading counts kept ready, per combination of facet values (see search.refresh_hot_terms).
# Statement triggers with transition tables keep the counts exact for every write path (COPY,
# bulk updates, cascading deletes), one aggregated upsert per statement.
HOT = """
CREATE TABLE replies_searchhot (lexeme text PRIMARY KEY);
CREATE TABLE replies_searchhotcount (
    lexeme text NOT NULL,
    facet_key integer NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (lexeme, facet_key) INCLUDE (n)
);

CREATE FUNCTION replies_searchhot_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM replies_searchhot) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO replies_searchhotcount AS c (lexeme, facet_key, n)
        SELECT h.lexeme, r.facet_key, count(*)
        FROM new_rows r CROSS JOIN LATERAL unnest(tsvector_to_array(r.grams)) AS x(lexeme)
        JOIN replies_searchhot h ON h.lexeme = x.lexeme
        GROUP BY 1, 2
        ON CONFLICT (lexeme, facet_key) DO UPDATE SET n = c.n + EXCLUDED.n;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE replies_searchhotcount c SET n = c.n - d.n
        FROM (
            SELECT h.lexeme, r.facet_key, count(*) AS n
            FROM old_rows r CROSS JOIN LATERAL unnest(tsvector_to_array(r.grams)) AS x(lexeme)
            JOIN replies_searchhot h ON h.lexeme = x.lexeme
            GROUP BY 1, 2
        ) d
        WHERE c.lexeme = d.lexeme AND c.facet_key = d.facet_key;
    ELSE
        INSERT INTO replies_searchhotcount AS c (lexeme, facet_key, n)
        SELECT h.lexeme, r.facet_key, sum(r.sign)
        FROM (
            SELECT n.facet_key, n.grams, 1 AS sign
            FROM new_rows n JOIN old_rows o ON o.reply_id = n.reply_id
            WHERE n.grams <> o.grams OR n.facet_key IS DISTINCT FROM o.facet_key
            UNION ALL
            SELECT o.facet_key, o.grams, -1
            FROM new_rows n JOIN old_rows o ON o.reply_id = n.reply_id
            WHERE n.grams <> o.grams OR n.facet_key IS DISTINCT FROM o.facet_key
        ) r CROSS JOIN LATERAL unnest(tsvector_to_array(r.grams)) AS x(lexeme)
        JOIN replies_searchhot h ON h.lexeme = x.lexeme
        GROUP BY 1, 2
        HAVING sum(r.sign) <> 0
        ON CONFLICT (lexeme, facet_key) DO UPDATE SET n = c.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER replies_searchhot_insert AFTER INSERT ON replies_searchentry
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION replies_searchhot_count();
CREATE TRIGGER replies_searchhot_update AFTER UPDATE ON replies_searchentry
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION replies_searchhot_count();
CREATE TRIGGER replies_searchhot_delete AFTER DELETE ON replies_searchentry
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION replies_searchhot_count();

-- TRUNCATE (manage.py flush, test teardown) fires no row or transition triggers.
CREATE OR REPLACE FUNCTION replies_searchfacets_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE replies_searchfacets, replies_searchhotcount;
    RETURN NULL;
END $$;
"""
HOT_REVERSE = """
CREATE OR REPLACE FUNCTION replies_searchfacets_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE replies_searchfacets;
    RETURN NULL;
END $$;
DROP TRIGGER replies_searchhot_delete ON replies_searchentry;
DROP TRIGGER replies_searchhot_update ON replies_searchentry;
DROP TRIGGER replies_searchhot_insert ON replies_searchentry;
DROP FUNCTION replies_searchhot_count();
DROP TABLE replies_searchhotcount;
DROP TABLE replies_searchhot;
"""


class Migration(migrations.Migration):
    """Search reads what it needs through indexes and kept counts instead of visiting every
    match: title and number indexes for ranking candidates, and exact counts per combination of
    facet values for the most frequent bigrams (hot terms, chosen by `manage.py reindex`)."""

    dependencies = [("replies", "0007_search_narrow_rows")]

    operations = [
        migrations.RunSQL(CANDIDATE_INDEXES, CANDIDATE_INDEXES_REVERSE),
        migrations.RunSQL(HOT, HOT_REVERSE),
    ]
