// The pom's keys land in larder.properties, merged over the one from the resources, the pom winning.
def props = new Properties()
new File(basedir, 'target/classes/larder.properties').withReader('UTF-8') { props.load(it) }
assert props.getProperty('larder.backend') == 'local'
assert props.getProperty('larder.namespace') == 'shop'
assert props.getProperty('larder.cache.books.ttl') == '30s'
assert props.getProperty('larder.local.maxSize') == '2000'
assert props.size() == 4
