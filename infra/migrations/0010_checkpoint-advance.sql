-- Up Migration

-- A consumer's checkpoint moves by compare-and-set: only from the point its batch started at, so a
-- batch whose consumer lost its turn (to another instance between two transactions) or was reset for
-- a rebuild cannot move it. Raising instead of reporting no row lets a batch send its COMMIT in the
-- same round trip as the move: a simple query stops at its first error, so the COMMIT never runs
-- after a move that did not happen, and the batch's writes roll back with it.
-- Raises ES003 (the checkpoint is not at the batch's start).
CREATE FUNCTION advance_checkpoint(p_name text, p_from_transaction xid8, p_from_position bigint,
                                   p_to_transaction xid8, p_to_position bigint)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE checkpoints SET transaction_id = p_to_transaction, global_position = p_to_position, updated_at = now()
   WHERE name = p_name AND transaction_id = p_from_transaction AND global_position = p_from_position;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the checkpoint of % moved during the batch', p_name USING ERRCODE = 'ES003';
  END IF;
END $$;

-- Down Migration
DROP FUNCTION advance_checkpoint(text, xid8, bigint, xid8, bigint);
