// Two builds in a row: the first weaves Books, the second finds it unchanged and weaves nothing.
def log = new File(basedir, 'build.log').text
assert log =~ /Larder wove 1 class into .*\(0 unchanged since the last weave, 0 already woven\)/
assert log =~ /Larder wove 0 classes into .*\(1 unchanged since the last weave, 0 already woven\)/
def state = new File(basedir, 'target/larder/weave-main.state')
assert state.isFile()
def line = state.readLines().find { it.startsWith('com/example/Books.class ') }
def recorded = line.split(' ')[2]
def actual = java.security.MessageDigest.getInstance('SHA-256')
        .digest(new File(basedir, 'target/classes/com/example/Books.class').bytes)
        .encodeHex().toString()
assert actual == recorded: 'the class file is byte for byte the one the first build wrote'
