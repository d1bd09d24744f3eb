--- keys: none; args: none
--- returns: string
-- The server's run_id, which identifies one redis-server process. A script, because StackExchange.Redis reserves INFO
-- for admin-mode connections and Locksmith should not need one.
return string.match(redis.call('INFO', 'server'), 'run_id:(%w+)')
