-- Up Migration

-- The router and replays put up to a few dozen deliveries in one BullMQ job (a job's own cost at the
-- queue dominated a delivery's). The sweeper asks the queue whether an overdue delivery still has a
-- job: this names the group job that first carries it, so one waiting in a backlogged group is seen
-- as queued instead of getting a second job. NULL: the delivery's own job (job id = delivery id).
ALTER TABLE deliveries ADD COLUMN job_id uuid;

-- Down Migration
ALTER TABLE deliveries DROP COLUMN job_id;
