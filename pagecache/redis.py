"""Django's Redis cache backend, with one client object per connection pool.

Django's RedisCacheClient builds a new ``redis.Redis`` for every call, and redis-py's
constructor fills a table of ~170 response callbacks each time: about a quarter of a
millisecond per call, half the cost of a page cache hit (two calls). A client is
thread-safe and holds no connection of its own (the pool does), so one per pool is
enough. settings.CACHES uses it when REDIS_URL is set.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients_by_pool", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class PageCacheRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
