from django.db import migrations, models

# A sixth facet dimension, the body that received the proposal (政协 or 人大): a column of the
# entries and of the summary of combinations, part of each combination's text key, and watched
# by the triggers that keep the key and the counts (migrations 0005 and 0007).
COMBINATION = (
    "coalesce({t}.region_id::text, '') || '|' || coalesce({t}.department_id::text, '') || '|' "
    "|| {t}.sector || '|' || coalesce({t}.year::text, '') || '|' || {t}.reply_type "
    "|| '|' || {t}.body"
)
OLD_COMBINATION = (
    "coalesce({t}.region_id::text, '') || '|' || coalesce({t}.department_id::text, '') || '|' "
    "|| {t}.sector || '|' || coalesce({t}.year::text, '') || '|' || {t}.reply_type"
)
COLUMNS = "region_id, department_id, sector, year, reply_type"


def key_function(combination: str, columns: str, values: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION replies_searchentry_facet_key() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    wanted text := {combination.format(t="NEW")};
    found integer;
BEGIN
    SELECT id INTO found FROM replies_searchfacets WHERE combination = wanted;
    IF found IS NULL THEN
        INSERT INTO replies_searchfacets ({columns}, combination, entries)
        VALUES ({values}, wanted, 0)
        ON CONFLICT DO NOTHING RETURNING id INTO found;
        IF found IS NULL THEN  -- added meanwhile by a concurrent transaction
            SELECT id INTO found FROM replies_searchfacets WHERE combination = wanted;
        END IF;
    END IF;
    NEW.facet_key := found;
    RETURN NEW;
END $$;
"""


def triggers(columns: str) -> str:
    return f"""
DROP TRIGGER replies_searchentry_facet_key ON replies_searchentry;
CREATE TRIGGER replies_searchentry_facet_key
BEFORE INSERT OR UPDATE OF {columns}
ON replies_searchentry FOR EACH ROW EXECUTE FUNCTION replies_searchentry_facet_key();
DROP TRIGGER replies_searchfacets_count ON replies_searchentry;
CREATE TRIGGER replies_searchfacets_count
AFTER INSERT OR DELETE OR UPDATE OF {columns}
ON replies_searchentry FOR EACH ROW EXECUTE FUNCTION replies_searchfacets_count();
"""


FORWARD = f"""
ALTER TABLE replies_searchfacets ADD COLUMN body varchar(4) NOT NULL DEFAULT '';
DROP INDEX replies_searchfacets_key;
CREATE UNIQUE INDEX replies_searchfacets_key ON replies_searchfacets
    ({COLUMNS}, body) NULLS NOT DISTINCT;
UPDATE replies_searchfacets f SET combination = {COMBINATION.format(t="f")};
{
    key_function(
        COMBINATION,
        COLUMNS + ", body",
        "NEW.region_id, NEW.department_id, NEW.sector, NEW.year, NEW.reply_type, NEW.body",
    )
}
{triggers(COLUMNS + ", body")}
-- Each entry's body, from its proposal's session, else from what the proposal is (a 提案 goes
-- to a 政协, a 建议 to a 人大); the triggers move it to its combination and count it there.
UPDATE replies_searchentry e SET body = coalesce(nullif(s.body, ''),
        CASE p.kind WHEN '提案' THEN '政协' WHEN '建议' THEN '人大' ELSE '' END)
FROM replies_reply r JOIN replies_proposal p ON p.id = r.proposal_id
LEFT JOIN replies_session s ON s.id = p.session_id
WHERE r.id = e.reply_id;
"""
BACKWARD = f"""
UPDATE replies_searchentry SET body = '';
{triggers(COLUMNS)}
{
    key_function(
        OLD_COMBINATION,
        COLUMNS,
        "NEW.region_id, NEW.department_id, NEW.sector, NEW.year, NEW.reply_type",
    )
}
DELETE FROM replies_searchfacets WHERE body <> '';
UPDATE replies_searchfacets f SET combination = {OLD_COMBINATION.format(t="f")};
DROP INDEX replies_searchfacets_key;
CREATE UNIQUE INDEX replies_searchfacets_key ON replies_searchfacets ({COLUMNS}) NULLS NOT DISTINCT;
ALTER TABLE replies_searchfacets DROP COLUMN body;
"""


class Migration(migrations.Migration):
    dependencies = [("replies", "0015_reply_review_log")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="body",
            field=models.CharField(blank=True, max_length=4),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
