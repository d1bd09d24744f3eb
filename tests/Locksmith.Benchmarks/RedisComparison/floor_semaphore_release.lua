--- keys: permits; args: owner:string
--- returns: boolean
-- The floor's semaphore release: remove this owner's permit.
return redis.call('ZREM', KEYS[1], ARGV[1]) == 1
