-- An org's default hours are the schedules row with user_id NULL. SQLite treats NULLs as distinct in
-- the (org_id, user_id) unique index, so `npm run admin -- apply` (a random id) and the admin API
-- (sch_default_<org>) could each keep one, and routing read whichever came first. Keep the newest
-- (latest updated_at, a row never stamped counting as oldest; on a tie the one inserted last);
-- the next migration adds the index that holds the org to one such row.
DELETE FROM `schedules`
WHERE `user_id` IS NULL
  AND EXISTS (
    SELECT 1 FROM `schedules` AS `newer`
    WHERE `newer`.`org_id` = `schedules`.`org_id`
      AND `newer`.`user_id` IS NULL
      AND (
        coalesce(`newer`.`updated_at`, -1) > coalesce(`schedules`.`updated_at`, -1)
        OR (coalesce(`newer`.`updated_at`, -1) = coalesce(`schedules`.`updated_at`, -1) AND `newer`.`rowid` > `schedules`.`rowid`)
      )
  );
