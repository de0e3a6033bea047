// A malformed value fails the build with the runtime's message naming the key and the value.
def log = new File(basedir, 'build.log').text
assert log.contains("Larder configuration in the plugin's <properties>")
assert log.contains('larder.cache.books.ttl')
assert log.contains('soon')
assert !new File(basedir, 'target/classes/larder.properties').exists()
