//! The Chinese of the command line's help (see `cli::help`).

pub(super) const ARCHIVE_ZH: &str =
    "ARCHIVE 为 .json 档案、.jsonl 文件（每行一篇文章）或存放这些文件的目录。";

pub(super) const SAMPLE_ZH: &str = "用 --sample 则读内置的示例档案。";

pub(super) const READER_ZH: &str = "\
退出状态：
  0  成功
  1  档案或设置文件无法读取（用 --strict 时：档案有任何问题），或命令失败
  2  命令行有误
  3  阅读器没有在终端中启动，或 TERM=dumb（此时请用 list 或 show）
  4  阅读器未能保存书签或阅读位置；它们列在标准错误上，副本写入缓存（或临时）目录
  128+N  阅读器被信号 N 结束（SIGTERM 143，SIGINT 130 等）；终端消失时
     （关闭窗口、SSH 断线）也为 129

不给 ARCHIVE 时打开内置的示例档案（中原区基层党建简报）。
ARCHIVE 为 .json 档案、.jsonl 文件（每行一篇文章）或存放这些文件的目录。
档案有问题时照样打开：能读的都显示，按 ! 列出问题。档案文件在磁盘上改变时，
阅读器会重新读入，并停在原来的位置。";

pub(super) const SEARCH_ZH: &str = "\
QUERY 的匹配与阅读器中的搜索相同：含大写字母时区分大小写，全角半角视为相同
（ＡＢＣ１２３ = ABC123），简体繁体视为相同（社区 = 社區）；以 re: 开头为正则表达式。
QUERY 中也可写限定条件：subdistrict:名称 district:名称 after:日期 before:日期。
日期为 YYYY、YYYY-MM 或 YYYY-MM-DD（也可用 / 或 . 分隔，月、日可不补零，可用全角
数字）；只写年或年月时指其第一天。after: 保留该日期及以后的文章，before: 保留该日期
以前的，所以 after:2021 before:2022 即 2021 年全年；没有日期的文章不列入。

大档案（4 MB 以上）第一次搜索时在缓存目录（$BULLETIN_CACHE_DIR，否则
$XDG_CACHE_HOME/bulletin）建立折叠文本的索引，档案改变后重建。

结果逐篇写出，每篇一准备好就写。--json 输出一个 JSON 文档 {query, total_hits,
articles: [{id, title, district, subdistrict, date, hits, snippets, hit_spans}]}
（hit_spans：每个片段中命中的位置 [起, 止]，按字符计）；--jsonl
每行输出一篇文章的对象，标准输出上没有别的内容（便于 jq 等管道处理），总计一行
写到标准错误。

退出状态：
  0  至少有一处结果
  1  没有结果，或档案无法读取，或查询无效
  2  命令行有误（包括写得不对的日期）";

pub(super) const TEMPLATE_ZH: &str =
    "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

pub(super) const ABOUT_ZH: [(&str, &str); 9] = [
    ("list", "列出档案的分组（区、街道）和文章。"),
    ("show", "按给定宽度排版一篇文章，输出纯文本。"),
    (
        "outline",
        "列出一篇文章的目录（各章节，与阅读器中按 o 看到的相同）。",
    ),
    ("check", "校验档案，列出发现的每个问题。"),
    (
        "search",
        "搜索档案中的全部文章（有结果时退出状态为 0，没有为 1）。",
    ),
    (
        "import",
        "把纯文本简报（UTF-8、UTF-16、GB18030/GBK）转成档案。",
    ),
    ("bookmarks", "列出某个档案（或全部档案）的书签。"),
    ("config", "显示从哪里读设置文件，或输出默认设置。"),
    (
        "serve",
        "通过 SSH 提供档案：读者用 ssh -t -p 端口 主机 连接阅读。",
    ),
];

/// (command, argument id, description); `*` is any command without its
/// own line, `bulletin` the reader.
pub(super) const ARGS_ZH: &[(&str, &str, &str)] = &[
    (
        "*",
        "lang",
        "消息和帮助的语言：zh（中文）、en（英文）或 auto［默认：auto，取自 LC_ALL、LC_MESSAGES、LANG］",
    ),
    ("*", "sample", "改读内置的示例档案（中原区基层党建简报）"),
    (
        "*",
        "strict",
        "档案有任何问题都当作错误，与 bulletin check 相同（默认能读的照读，问题另计）",
    ),
    ("*", "json", "输出机器可读的 JSON"),
    (
        "*",
        "data_dir",
        "书签和阅读位置的存放目录（环境变量：BULLETIN_DATA_DIR）",
    ),
    (
        "*",
        "cache_dir",
        "搜索索引的存放目录（环境变量：BULLETIN_CACHE_DIR）",
    ),
    (
        "*",
        "config",
        "设置文件［默认：$BULLETIN_CONFIG，否则为 XDG 配置目录中的 config.toml］",
    ),
    (
        "*",
        "ambiguous_width",
        "终端显示歧义宽度字符（“ ” … — 和画框字符）的宽度：auto（启动时询问终端，不应答则按单宽）、narrow（单宽，多数终端的默认）、wide（双宽：PuTTY、Xshell、xterm -cjk_width 等设成宽时）［默认：auto，或设置文件中的值］",
    ),
    ("bulletin", "archive", "要读的档案（默认：内置的示例档案）"),
    ("*", "subdistrict", "只看这个街道（如 须水街道）"),
    ("*", "archive", "档案"),
    ("list", "archive", "要列出的档案"),
    ("check", "archive", "要校验的档案"),
    ("search", "archive", "要搜索的档案"),
    ("*", "ascii", "只用 ASCII 字符画边框"),
    (
        "*",
        "width",
        "阅读器正文栏的最大宽度（列数）［默认：80，或设置文件中的值］",
    ),
    (
        "*",
        "mouse",
        "用鼠标滚轮滚动、点选列表（终端自己的文字选择会被占用；按住 Shift 可选择）",
    ),
    (
        "*",
        "no_clipboard",
        "从不写剪贴板（否则 y/Y 用 OSC 52 复制）",
    ),
    ("show", "id", "文章编号（见 bulletin list 档案）"),
    ("show", "archive", "文章所在的档案"),
    (
        "show",
        "archive_option",
        "以选项给出档案（show 编号 --archive 档案）",
    ),
    ("show", "width", "行宽（列数）"),
    ("outline", "id", "文章编号（见 bulletin list 档案）"),
    ("outline", "archive", "文章所在的档案"),
    (
        "outline",
        "archive_option",
        "以选项给出档案（outline 编号 --archive 档案）",
    ),
    (
        "outline",
        "json",
        "输出机器可读的 JSON：文章的编号、标题和各章节",
    ),
    (
        "show",
        "ambiguous_width",
        "歧义宽度字符按几列排：narrow（单宽）、wide（双宽）；auto 在此即 narrow",
    ),
    (
        "check",
        "json",
        "在标准输出上输出机器可读的 JSON（键和消息为英文）",
    ),
    ("search", "query", "要找的内容（语法见下）"),
    (
        "search",
        "subdistrict",
        "只搜这个街道的文章（名称的一部分即可）",
    ),
    ("search", "district", "只搜这个区的文章"),
    (
        "search",
        "after",
        "只搜该日期及以后的文章（YYYY、YYYY-MM 或 YYYY-MM-DD）",
    ),
    (
        "search",
        "before",
        "只搜该日期以前的文章（只写年或年月时：其第一天以前）",
    ),
    ("search", "no_index", "逐篇搜索，不用索引"),
    ("search", "json", "输出一个机器可读的 JSON 文档"),
    (
        "search",
        "jsonl",
        "为管道输出 JSON Lines：每篇文章一行对象（字段同 --json 的文章），标准输出上别无他物；总计写到标准错误",
    ),
    (
        "search",
        "count",
        "只列出计数：每篇文章一行“编号 处数”，不列片段（如 grep -c）",
    ),
    ("bookmarks", "archive", "要列出书签的档案（默认：全部档案）"),
    (
        "config",
        "default",
        "输出默认的设置文件（每项设置都有说明）",
    ),
    (
        "config",
        "config",
        "要检查的设置文件［默认：$BULLETIN_CONFIG，否则为 XDG 路径］",
    ),
    (
        "import",
        "files",
        "纯文本简报文件（UTF-8、带 BOM 的 UTF-16、GB18030/GBK）",
    ),
    (
        "import",
        "output",
        "要写的档案；已存在时把文章并入。不给时把档案输出到标准输出",
    ),
    (
        "import",
        "district",
        "文章所属的区［默认：取自导语标题 XX区：…］",
    ),
    (
        "import",
        "date",
        "文章的日期（正式公文的成文日期会自动识别）",
    ),
    ("import", "source", "文章的来源（报纸、网站……）"),
    (
        "import",
        "subdistricts",
        "小节标题中另外的街道名（逗号分隔或重复给出）",
    ),
    (
        "import",
        "encoding",
        "强制指定输入编码（utf-8、gb18030、gbk、utf-16le、big5……）",
    ),
    ("import", "lossy", "无法解码的字节替换为 U+FFFD，而不是报错"),
    (
        "import",
        "normalize_punctuation",
        "把中文之间的 ASCII , ; : ( ) 换成全角",
    ),
    (
        "import",
        "title",
        "档案标题［默认：导入一个文件时为其第一篇导语的标题；多个文件时为共同的区名］",
    ),
    ("import", "key", "档案的标识键（见 docs/format.md）"),
    ("import", "dry_run", "只显示识别结果，不写任何文件"),
    (
        "serve",
        "archives",
        "要提供的档案（默认：内置的示例档案）。客户端用文件名（不含扩展名）指定档案（ssh -t 主机 名称、ssh 主机 list 名称）；有多个时阅读器先显示档案选择，在阅读器的列表上按 q 回到选择",
    ),
    (
        "serve",
        "listen",
        "监听的地址和端口（不是 127.0.0.1 时其他机器也能连接）",
    ),
    (
        "serve",
        "host_key",
        "服务器的 Ed25519 主机密钥，不存在时创建（权限 0600）［默认：数据目录中的 host_key］",
    ),
    (
        "serve",
        "authorized_keys",
        "允许连接的人：OpenSSH authorized_keys 文件；每个密钥的注释即读者名，各有自己的书签",
    ),
    (
        "serve",
        "anonymous",
        "任何人都可以不用密钥连接；书签和阅读位置只在本次会话中保留",
    ),
    (
        "serve",
        "data_dir",
        "主机密钥和每位读者书签的存放目录（环境变量：BULLETIN_DATA_DIR）",
    ),
    (
        "serve",
        "log",
        "把日志（每个连接事件一行）追加到该文件，而不是标准错误",
    ),
    ("serve", "max_sessions", "同时连接数的上限（全部）"),
    ("serve", "max_per_address", "来自同一地址的同时连接数上限"),
    ("serve", "auth_timeout", "连接完成认证的时限（秒）"),
    (
        "serve",
        "idle_timeout",
        "多少分钟没有按键就关闭会话（提前一分钟提示）；0 为从不",
    ),
    (
        "serve",
        "max_size",
        "绘制的最大窗口，列x行（更大的窗口只画左上角这一块）",
    ),
];
